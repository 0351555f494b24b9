import { describe, expect, it } from 'vitest'
import { dateLabel, mergeSummary, packageFileName, quorumLine, scopeFrom, whenLabel } from './logic'
import type { MergeReport } from '@/bindings/MergeReport'

describe('stations logic', () => {
  it('shows times and dates the Chinese way, never as ISO text', () => {
    expect(whenLabel('2021-01-19T08:05:00+08:00')).toBe('2021年1月19日 08:05')
    expect(whenLabel(null)).toBe('')
    expect(dateLabel('2021-01-09')).toBe('2021年1月9日')
  })

  it('sums a merge up with its counts and separates conflicts already on record', () => {
    const r: MergeReport = {
      station_name: '签到台（开幕会）', station_operator: '小王', dry_run: true, applied: 12, applied_events: 10,
      applied_leaves: 1, applied_remarks: 1, already_present: 3,
      conflicts: [
        { kind: 'sitting_closed', kind_label: '场次考勤已结束', description: 'x', station_text: '', master_text: null, known: false },
        { kind: 'member_left', kind_label: '委员已不在任', description: 'y', station_text: '', master_text: null, known: true },
      ],
    }
    expect(mergeSummary(r)).toBe('“签到台（开幕会）”：将写入 12 条（考勤 10、请假 1、发言 1），已有 3 条，冲突 1 项（另有 1 项此前已记录）')
  })

  it('asks for what a package still needs', () => {
    expect(scopeFrom('desk', [], '', null)).toBe('请选择签到台负责的场次')
    expect(scopeFrom('desk', [3, 4], '', null)).toEqual({ kind: 'desk', sittings: [3, 4] })
    expect(scopeFrom('recorder', [], ' ', 2)).toBe('请选择小组')
    expect(scopeFrom('recorder', [], '第一组', null)).toBe('请选择会议')
    expect(scopeFrom('recorder', [], ' 第一组 ', 2)).toEqual({ kind: 'recorder', group: '第一组', meeting_id: 2 })
  })

  it('proposes file names without characters a file system refuses', () => {
    expect(packageFileName('desk', '开幕会/闭幕会')).toBe('分站数据包-签到台-开幕会闭幕会.huiwu-station')
    expect(packageFileName('recorder', '')).toBe('分站数据包-小组记录.huiwu-station')
  })

  it('words the quorum for the hall', () => {
    expect(quorumLine(true, false)).toBe('符合规定人数')
    expect(quorumLine(false, false)).toBe('尚未达到规定人数')
    expect(quorumLine(false, true)).toBe('不足规定人数')
  })
})
