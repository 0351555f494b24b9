// The bulletin pages' pure rules: the order of the remarks the user ticks, and labels.
import type { Bulletin } from '@/bindings/Bulletin'
import type { BulletinInput } from '@/bindings/BulletinInput'

/** Ticks or unticks a remark: a ticked one goes to the end of the order, an unticked one leaves it. */
export function toggleChosen(chosen: number[], id: number): number[] {
  return chosen.includes(id) ? chosen.filter((x) => x !== id) : [...chosen, id]
}

/** Moves the item at `index` up (-1) or down (+1); at either end nothing moves. */
export function moveItem<T>(list: T[], index: number, delta: -1 | 1): T[] {
  const to = index + delta
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return list
  const out = [...list]
  const [item] = out.splice(index, 1)
  out.splice(to, 0, item as T)
  return out
}

/** «第3期» */
export const issueOf = (n: number | null | undefined) => (n ? `第${n}期` : '')

/** «2020年1月7日» from «2020-01-07». */
export function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso.trim())
  return m ? `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日` : iso
}

/** «六届四次会议 第3期 各小组讨论政府工作报告» */
export function bulletinLabel(b: Bulletin): string {
  return [b.session_name ?? '平时', issueOf(b.number), b.title].filter(Boolean).join(' ')
}

/** What the editor compares to tell unsaved changes. */
export const snapshot = (b: BulletinInput) => JSON.stringify(b)
