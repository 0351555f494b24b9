import { describe, expect, it } from 'vitest'
import { openingYear, outcomesText, sourceLabel, yearsOf } from './logic'
import type { SqmyOutcome } from '@/bindings/SqmyOutcome'

describe('社情民意 page rules', () => {
  it('offers the years that hold items, newest first, and this year', () => {
    expect(yearsOf([2020, 2019], 2026)).toEqual([2026, 2020, 2019])
    expect(yearsOf([2026, 2025], 2026)).toEqual([2026, 2025])
    expect(yearsOf([], 2026)).toEqual([2026])
  })
  it('opens on this year if it holds items, else on the newest year that does', () => {
    expect(openingYear([2020, 2019], 2026)).toBe(2020)
    expect(openingYear([2026, 2020], 2026)).toBe(2026)
    expect(openingYear([], 2026)).toBe(2026)
  })
  it('reads outcomes and sources in Chinese', () => {
    const outcomes: SqmyOutcome[] = [
      { id: 1, kind: 'adopted', by_whom: '省政协办公厅', summary: '', date: null },
      { id: 2, kind: 'instructed', by_whom: '市委主要领导', summary: '请研究', date: null },
    ]
    expect(outcomesText({ outcomes })).toBe('采用（省政协办公厅）、批示（市委主要领导）')
    expect(sourceLabel('proposal')).toBe('提案转来')
  })
})
