import { describe, expect, it } from 'vitest'
import { actionsFor, dateLabel, pct, today } from './logic'
import type { Proposal } from '@/bindings/Proposal'

const base = { stage: 'received', answers: [] } as unknown as Proposal

describe('proposals logic', () => {
  it('shows dates the Chinese way without leading zeros', () => {
    expect(dateLabel('2020-01-05')).toBe('2020年1月5日')
    expect(dateLabel(null)).toBe('')
  })
  it('gives today in local time as YYYY-MM-DD', () => {
    expect(today(new Date(2021, 0, 9))).toBe('2021-01-09')
  })
  it('offers the next steps of each stage', () => {
    expect(actionsFor(base)).toContain('review')
    expect(actionsFor({ ...base, stage: 'filed' })).toEqual(['assign', 'withdraw'])
    expect(actionsFor({ ...base, stage: 'answered' })).toContain('rate')
    expect(actionsFor({ ...base, stage: 'withdrawn' })).toEqual([])
    expect(actionsFor({ ...base, stage: 'not_filed' })).toEqual([])
  })
  it('prints rates with one decimal', () => {
    expect(pct(75.7)).toBe('75.7%')
    expect(pct(100)).toBe('100.0%')
  })
})
