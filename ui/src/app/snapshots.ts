// 自动备份: how a snapshot reads in the list and in the restore question.
import type { Snapshot } from '@/bindings/Snapshot'

/** «2021年1月19日 08:30» from the snapshot's local time «2021-01-19T08:30:05». */
export function takenLabel(taken: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})/.exec(taken)
  if (!m) return taken
  return `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日 ${m[4]}:${m[5]}`
}

/** «委员 206 · 会议 50 · 场次 118 · 发言 256», or why it cannot be said. */
export function countsLabel(s: Snapshot): string {
  const c = s.counts
  if (!c) return '无法读取（文件可能已损坏）'
  return `委员 ${c.members} · 会议 ${c.meetings} · 场次 ${c.sittings} · 发言 ${c.remarks}`
}

/** «1.2 MB», «356 KB». */
export function sizeLabel(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`
  return `${Math.max(1, Math.round(bytes / 1024))} KB`
}

/** The question asked before a restore: what comes back, and that nothing is lost. */
export function restoreQuestion(s: Snapshot): string {
  return `把数据库恢复到 ${takenLabel(s.taken)}（${s.reason_label}）的状态？${countsLabel(s)}。` +
    '此后录入的内容将不在当前文件中；恢复前的状态会先另存为一份自动备份，可以再恢复回来。'
}
