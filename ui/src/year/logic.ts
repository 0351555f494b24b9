// Small rules of the year page: the period of a year, how a figure is shown.
import type { Figure } from '@/bindings/Figure'

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
