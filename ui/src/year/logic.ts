// Small rules of the year page: the period of a year, how a figure is shown.
import type { Figure } from '@/bindings/Figure'
import type { MemberRecord } from '@/bindings/MemberRecord'

/** The first and last day of a calendar year. */
export function yearPeriod(year: number): { from: string; to: string } {
  return { from: `${year}-01-01`, to: `${year}-12-31` }
}

/** 9次, 196人次, 95.6% */
export function shown(f: Figure): string {
  return f.unit === '%' ? `${f.value.toFixed(1)}%` : `${Math.round(f.value)}${f.unit}`
}

/** The years a clerk may pick: this year and the ten before it, newest first. */
export function yearChoices(now: number): number[] {
  return Array.from({ length: 11 }, (_, i) => now - i)
}

/** «应出席已结束的会议 22 场次，出席 21 场次，请假 1 场次，无故缺席 0 场次。» */
export function attendanceLine(r: MemberRecord): string {
  const c = r.attendance.counts
  const pending = c.pending ? `；另有 ${c.pending} 场次尚未结束，不计入` : ''
  return `应出席已结束的会议 ${c.expected} 场次，出席 ${c.present} 场次，请假 ${c.on_leave} 场次，无故缺席 ${c.absent} 场次${pending}。`
}
