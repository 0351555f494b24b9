// The 社情民意 page's pure rules: the years to choose from and how items and outcomes read.
// The words for the coded values come from the core (labels.ts).
import type { SqmyItem } from '@/bindings/SqmyItem'
import type { SqmySource } from '@/bindings/SqmySource'
import { SQMY_OUTCOMES, SQMY_SOURCES } from '@/bindings/labels'

export const SOURCES = SQMY_SOURCES

export const sourceLabel = (s: SqmySource) => SQMY_SOURCES.find((x) => x.value === s)?.label ?? s

/** The years that hold items, newest first, with this year always offered. */
export function yearsOf(withItems: number[], thisYear: number): number[] {
  return [...new Set([thisYear, ...withItems.filter((y) => y > 0)])].sort((a, b) => b - a)
}

/** The year the page shows when none was chosen in this session: `current` (this year) if it
 * holds items or no year does, else the newest year that does. */
export function openingYear(withItems: number[], current: number): number {
  return withItems.length === 0 || withItems.includes(current) ? current : Math.max(...withItems)
}

/** «采用（省政协办公厅）、批示（市委主要领导）» */
export function outcomesText(item: Pick<SqmyItem, 'outcomes'>): string {
  const label = (k: string) => SQMY_OUTCOMES.find((x) => x.value === k)?.label ?? k
  return item.outcomes.map((o) => `${label(o.kind)}（${o.by_whom}）`).join('、')
}
