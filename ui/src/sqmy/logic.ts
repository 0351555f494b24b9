// The 社情民意 page's pure rules: the years to choose from and how items and outcomes read.
import type { SqmyItem } from '@/bindings/SqmyItem'
import type { SqmySource } from '@/bindings/SqmySource'

export const SOURCES: { value: SqmySource; label: string }[] = [
  { value: 'submitted', label: '委员、单位报送' },
  { value: 'proposal', label: '提案转来' },
  { value: 'meeting', label: '会议发言、调研视察' },
  { value: 'other', label: '其他' },
]

export const sourceLabel = (s: SqmySource) => SOURCES.find((x) => x.value === s)?.label ?? s

/** The years that hold items, newest first, with this year always offered. */
export function yearsOf(items: Pick<SqmyItem, 'received_on'>[], thisYear: number): number[] {
  const ys = new Set<number>([thisYear])
  for (const i of items) {
    const y = Number(i.received_on.slice(0, 4))
    if (y > 0) ys.add(y)
  }
  return [...ys].sort((a, b) => b - a)
}

/** «采用（省政协办公厅）、批示（市委主要领导）» */
export function outcomesText(item: Pick<SqmyItem, 'outcomes'>): string {
  return item.outcomes.map((o) => `${o.kind === 'adopted' ? '采用' : '批示'}（${o.by_whom}）`).join('、')
}
