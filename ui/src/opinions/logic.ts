// The consolidation screen's logic that is worth testing on its own: selection, reordering,
// drafts, highlighting what near-duplicates share, labels and the keyboard flow of the entry form.
import type { Remark } from '@/bindings/Remark'
import type { RemarkStatus } from '@/bindings/RemarkStatus'
import type { ReportKind } from '@/bindings/ReportKind'
import type { Adoption } from '@/bindings/Adoption'
import type { Report } from '@/bindings/Report'
import type { RemarkSitting } from '@/bindings/RemarkSitting'

export const STATUS_LABELS: Record<RemarkStatus, string> = {
  unplaced: '未归入',
  placed: '已归入',
  set_aside: '不纳入',
}

export const KIND_LABELS: Record<ReportKind, string> = {
  government: '政府工作报告',
  court: '法院工作报告',
  procuratorate: '检察院工作报告',
  standing_committee: '常委会工作报告',
  proposal_work: '提案工作情况报告',
  plan_budget: '计划和预算报告',
  other: '其他报告',
}

export const ADOPTION_LABELS: Record<Adoption, string> = {
  adopted: '采纳',
  partly_adopted: '部分采纳',
  for_reference: '研究参考',
  not_adopted: '未采纳',
}

/** Reports grouped by session, newest session first, for the picker. */
export function groupReports(reports: Report[]): { session: string; reports: Report[] }[] {
  const out: { session: string; reports: Report[] }[] = []
  for (const r of reports) {
    const last = out[out.length - 1]
    if (last && last.session === r.session_name) last.reports.push(r)
    else out.push({ session: r.session_name, reports: [r] })
  }
  return out
}

/** Toggles an id in a selection, keeping the order in which ids were picked. */
export function toggle(selection: number[], id: number): number[] {
  return selection.includes(id) ? selection.filter((x) => x !== id) : [...selection, id]
}

/** Selects or unselects every id of a page (shift-click on the header). */
export function toggleAll(selection: number[], page: number[]): number[] {
  const all = page.length > 0 && page.every((id) => selection.includes(id))
  return all ? selection.filter((id) => !page.includes(id)) : [...selection, ...page.filter((id) => !selection.includes(id))]
}

/** Moves the item at `index` by `delta` places (up = -1); the list is unchanged at the ends. */
export function moveBy<T>(list: T[], index: number, delta: number): T[] {
  const to = index + delta
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return list.slice()
  const out = list.slice()
  const [item] = out.splice(index, 1)
  out.splice(to, 0, item)
  return out
}

/** Moves the item at `from` so that it lands at position `to` (drag and drop). */
export function moveTo<T>(list: T[], from: number, to: number): T[] {
  if (from < 0 || from >= list.length) return list.slice()
  const out = list.slice()
  const [item] = out.splice(from, 1)
  out.splice(Math.max(0, Math.min(to, out.length)), 0, item)
  return out
}

/** Splits `text` into pieces, marking those that belong to a shared run (longest runs first). */
export function highlight(text: string, shared: string[]): { text: string; hit: boolean }[] {
  const runs = shared.filter((s) => s.length > 0).sort((a, b) => b.length - a.length)
  const marks = new Array<boolean>(text.length).fill(false)
  for (const run of runs) {
    let from = 0
    for (;;) {
      const at = text.indexOf(run, from)
      if (at < 0) break
      for (let i = at; i < at + run.length; i++) marks[i] = true
      from = at + 1
    }
  }
  const out: { text: string; hit: boolean }[] = []
  for (let i = 0; i < text.length; i++) {
    const last = out[out.length - 1]
    if (last && last.hit === marks[i]) last.text += text[i]
    else out.push({ text: text[i], hit: marks[i] })
  }
  return out
}

/** What can be done with the selected remarks. */
export function selectionActions(selected: Pick<Remark, 'status'>[], finalised: boolean) {
  const any = selected.length > 0 && !finalised
  return {
    merge: any,
    setAside: any && selected.some((r) => r.status !== 'set_aside'),
    restore: any && selected.every((r) => r.status === 'set_aside'),
  }
}

/** Ctrl+Enter (or ⌘+Enter) saves the remark being typed. */
export function isSubmitKey(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey'>): boolean {
  return e.key === 'Enter' && (e.ctrlKey || e.metaKey)
}

/** The sitting to offer for a speaker: their group's discussion sitting if there is one. */
export function sittingForGroup(sittings: RemarkSitting[], groupId: number | null, current: number | null): number | null {
  if (groupId != null) {
    const own = sittings.filter((s) => s.group_ids.includes(groupId))
    if (own.some((s) => s.id === current)) return current
    if (own.length > 0) return own[0].id
  }
  return current ?? sittings[0]?.id ?? null
}

/** «还有 3 条未处理», «全部已处理», or, for a report nobody has spoken on yet, «尚无发言意见». */
export function unplacedText(n: number, total: number): string {
  if (total === 0) return '尚无发言意见'
  return n > 0 ? `还有 ${n} 条发言意见未处理` : '全部发言意见已处理'
}

/** A speaker as «吴华（A012）», or «吴华» when the member has no number. */
export function speakerLabel(name: string, memberNo: string | null | undefined): string {
  return memberNo ? `${name}（${memberNo}）` : name
}

/** Today's date as YYYY-MM-DD in local time. */
export function today(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`
}
