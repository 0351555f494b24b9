import { describe, expect, it } from 'vitest'
import { shown, yearChoices, yearPeriod } from './logic'

describe('year page rules', () => {
  it('a year runs from 1 January to 31 December', () => {
    expect(yearPeriod(2020)).toEqual({ from: '2020-01-01', to: '2020-12-31' })
  })
  it('counts show with their unit, rates with one decimal', () => {
    expect(shown({ key: 'delegation_person_times', label: '接待考察人员', value: 196, unit: '人次', has_records: true })).toBe('196人次')
    expect(shown({ key: 'attendance_rate', label: '出席率', value: 95.6, unit: '%', has_records: false })).toBe('95.6%')
  })
  it('offers this year and the ten before it', () => {
    expect(yearChoices(2021)).toHaveLength(11)
    expect(yearChoices(2021)[0]).toBe(2021)
    expect(yearChoices(2021)[10]).toBe(2011)
  })
})
