import { describe, expect, it } from 'vitest'
import type { Duty } from '@/bindings/Duty'
import { blankDuty, dutyDates, dutyForm, dutyPeople, dutyToSave, rememberedYear, shown, yearChoices, yearPeriod } from './logic'

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

describe('the duty form', () => {
  it('asks each kind for what it has: topics their members and report, delegations their 人次', () => {
    expect(dutyForm('inspection')).toMatchObject({ leadMembers: true, members: true, report: '视察报告', personTimes: false, range: true })
    expect(dutyForm('delegation')).toMatchObject({ lead: '来访单位', members: false, personTimes: true, range: false })
    expect(dutyForm('party_report').report).toBe('报告名称')
  })
  it('drops what the chosen kind does not show when the kind was changed after typing', () => {
    const typed = { ...blankDuty('delegation', '2020-06-01'), title: '视察', person_times: 12, end_date: '2020-06-03', members: [3] }
    const asDelegation = dutyToSave(typed)
    expect(asDelegation.person_times).toBe(12)
    expect(asDelegation.members).toEqual([])
    expect(asDelegation.end_date, 'a one-day kind ends the day it starts').toBe('')
    const asInspection = dutyToSave({ ...typed, kind: 'inspection' })
    expect(asInspection.person_times).toBe(0)
    expect(asInspection.members).toEqual([3])
    expect(asInspection.end_date).toBe('2020-06-03')
    const cleared = { ...typed, person_times: null as unknown as number }
    expect(dutyToSave(cleared).person_times, 'a cleared number box is 0, not null').toBe(0)
    const noDates = { ...typed, kind: 'inspection' as const, start_date: null as unknown as string, end_date: null as unknown as string }
    expect(dutyToSave(noDates), 'cleared date pickers are empty, not null').toMatchObject({ start_date: '', end_date: '' })
  })
  it('shows dates and people as the list prints them', () => {
    expect(dutyDates({ start_date: '2020-06-01', end_date: '2020-06-01' })).toBe('2020-06-01')
    expect(dutyDates({ start_date: '2020-06-01', end_date: '2020-06-02' })).toBe('2020-06-01 至 06-02')
    expect(dutyDates({ start_date: '2020-12-30', end_date: '2021-01-02' })).toBe('2020-12-30 至 2021-01-02')
    const d = { members: [{ member_id: 1, name: '张三', lead: true }, { member_id: 2, name: '李四', lead: false }] } as Duty
    expect(dutyPeople(d)).toBe('张三（牵头）、李四')
  })
  it('keeps the year last chosen, else last year', () => {
    expect(rememberedYear('2020', 2026)).toBe(2020)
    expect(rememberedYear(null, 2026)).toBe(2025)
    expect(rememberedYear('abc', 2026)).toBe(2025)
  })
})
