import { describe, expect, it } from 'vitest'
import type { Snapshot } from '@/bindings/Snapshot'
import { countsLabel, restoreQuestion, sizeLabel, takenLabel } from './snapshots'

const snap = (over: Partial<Snapshot> = {}): Snapshot => ({
  path: '/data/huiwu.db.snapshots/20210119-083005-open-a12.db',
  file_name: '20210119-083005-open-a12.db',
  taken: '2021-01-19T08:30:05',
  reason: 'open',
  reason_label: '打开时',
  audit: 12,
  size: 356 * 1024,
  counts: { members: 206, meetings: 50, sittings: 118, remarks: 256 },
  ...over,
})

describe('自动备份 labels', () => {
  it('says the local time in Chinese, minutes only', () => {
    expect(takenLabel('2021-01-19T08:30:05')).toBe('2021年1月19日 08:30')
    expect(takenLabel('2021-11-09 17:05:00')).toBe('2021年11月9日 17:05')
    expect(takenLabel('不是时间')).toBe('不是时间')
  })
  it('says what a snapshot holds, or that it cannot be read', () => {
    expect(countsLabel(snap())).toBe('委员 206 · 会议 50 · 场次 118 · 发言 256')
    expect(countsLabel(snap({ counts: null }))).toBe('无法读取（文件可能已损坏）')
  })
  it('gives sizes a clerk reads', () => {
    expect(sizeLabel(356 * 1024)).toBe('356 KB')
    expect(sizeLabel(300)).toBe('1 KB')
    expect(sizeLabel(26 * 1024 * 1024 + 300 * 1024)).toBe('26.3 MB')
  })
  it('asks before a restore with the time, the reason and that the present state is kept', () => {
    const q = restoreQuestion(snap({ reason_label: '结束考勤前' }))
    expect(q).toContain('2021年1月19日 08:30（结束考勤前）')
    expect(q).toContain('委员 206')
    expect(q).toContain('恢复前的状态会先另存为一份自动备份')
  })
})
