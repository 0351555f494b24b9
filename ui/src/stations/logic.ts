// What the stations page and the hall display say, as pure functions (tested with Vitest).
import type { MergeReport } from '@/bindings/MergeReport'
import type { PackageScope } from '@/bindings/PackageScope'

/** «2021年1月19日 08:30» from an RFC 3339 time (local time, as the file stores it). */
export function whenLabel(at: string | null | undefined): string {
  if (!at) return ''
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})/.exec(at)
  if (!m) return at
  return `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日 ${m[4]}:${m[5]}`
}

/** «2021年1月19日» from 'YYYY-MM-DD'. */
export function dateLabel(d: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d)
  return m ? `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日` : d
}

/** The one line a merge (or its preview) is summed up in. */
export function mergeSummary(r: MergeReport): string {
  const verb = r.dry_run ? '将写入' : '已写入'
  const parts = [`${verb} ${r.applied} 条（考勤 ${r.applied_events}、请假 ${r.applied_leaves}、发言 ${r.applied_remarks}）`]
  parts.push(`已有 ${r.already_present} 条`)
  const fresh = r.conflicts.filter((c) => !c.known).length
  const known = r.conflicts.length - fresh
  parts.push(`冲突 ${fresh} 项${known ? `（另有 ${known} 项此前已记录）` : ''}`)
  return `“${r.station_name}”：${parts.join('，')}`
}

/** The package's scope from the form, or the reason it cannot be made yet. */
export function scopeFrom(
  kind: 'desk' | 'recorder',
  sittings: number[],
  group: string,
  meetingId: number | null,
): PackageScope | string {
  if (kind === 'desk') {
    return sittings.length ? { kind: 'desk', sittings } : '请选择签到台负责的场次'
  }
  if (!group.trim()) return '请选择小组'
  if (meetingId == null) return '请选择会议'
  return { kind: 'recorder', group: group.trim(), meeting_id: meetingId }
}

/** The proposed file name of a package: «分站数据包-签到台-2021年1月19日.huiwu-station». */
export function packageFileName(kind: 'desk' | 'recorder', label: string): string {
  const clean = label.replace(/[\\/:*?"<>|]/g, '').slice(0, 40)
  return `分站数据包-${kind === 'desk' ? '签到台' : '小组记录'}${clean ? `-${clean}` : ''}.huiwu-station`
}

/** The hall display's quorum line. */
export function quorumLine(met: boolean, closed: boolean): string {
  if (met) return '符合规定人数'
  return closed ? '不足规定人数' : '尚未达到规定人数'
}
