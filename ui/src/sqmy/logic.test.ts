import { describe, expect, it } from 'vitest'
import { outcomesText, sourceLabel, yearsOf } from './logic'
import type { SqmyOutcome } from '@/bindings/SqmyOutcome'

describe('社情民意 page rules', () => {
  it('offers the years that hold items, newest first, and this year', () => {
    expect(yearsOf([{ received_on: '2020-03-05' }, { received_on: '2019-12-30' }, { received_on: '2020-01-01' }], 2026))
      .toEqual([2026, 2020, 2019])
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
