import { describe, expect, it } from 'vitest'
import { actionsFor, categoriesFromText, dateLabel, memberLabel, pct, today } from './logic'
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
  it('reads the categories one a line, or as a list pasted from Word, without blanks or repeats', () => {
    expect(categoriesFromText('经济建设\n  政治建设 \n\n经济建设\r\n其他\n')).toEqual(['经济建设', '政治建设', '其他'])
    expect(categoriesFromText('经济建设、文化建设，社会建设;其他')).toEqual(['经济建设', '文化建设', '社会建设', '其他'])
    expect(categoriesFromText(' \n ')).toEqual([])
  })
  it('names a member with the badge number when there is one', () => {
    expect(memberLabel({ name: '张三', member_no: 'A6010' })).toBe('张三（A6010）')
    expect(memberLabel({ name: '李四', member_no: null })).toBe('李四')
  })
})
