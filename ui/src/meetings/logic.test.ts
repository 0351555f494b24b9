import { describe, expect, it } from 'vitest'
import { blankMeeting, byDay, countByKind, defaultStart, meetingInput, meetingTag, newSitting, nextSlot, sessionInput, sittingInput, sittingOrder, startAfterHalfDayChange, withSession } from './logic'
import type { Sitting } from '@/bindings/Sitting'
import type { Meeting } from '@/bindings/Meeting'

const meeting = (over: Partial<Meeting> = {}): Meeting => ({
  id: 1, kind: 'standing_committee', title: '常委会第二十一次会议', session_id: null, ordinal: 21, topical: true,
  enlarged: false, start_date: '2020-05-21', end_date: '2020-05-21', organizer: '', venue: '三楼会议室', notes: '',
  sitting_count: 1, ...over,
})

describe('calendar', () => {
  it('tags topical and enlarged meetings', () => {
    expect(meetingTag(meeting())).toBe('常委会会议（专题议政）')
    expect(meetingTag(meeting({ kind: 'chairs_council', topical: false, enlarged: true }))).toBe('主席会议（扩大）')
  })
  it('counts meetings by kind in the customary order', () => {
    const c = countByKind([meeting(), meeting({ kind: 'forum' }), meeting()])
    expect(c).toEqual([
      { kind: 'standing_committee', label: '常委会会议', count: 2 },
      { kind: 'forum', label: '座谈协商', count: 1 },
    ])
  })
  it('puts a several-day meeting on each of its days', () => {
    const m = byDay([meeting({ start_date: '2020-01-30', end_date: '2020-02-02' })])
    expect([...m.keys()]).toEqual(['2020-01-30', '2020-01-31', '2020-02-01', '2020-02-02'])
  })
  it('starts a new sitting from the meeting and expects the standing committee at its meetings', () => {
    const s = newSitting(meeting())
    expect(s.expect).toBe('standing')
    expect(s.date).toBe('2020-05-21')
    expect(s.venue).toBe('三楼会议室')
    expect(newSitting(meeting({ kind: 'plenary' })).kind).toBe('opening')
  })
  it('copies a sitting into an input without sharing arrays', () => {
    const s = { ...newSitting(meeting()), id: 3, seq: 1, status: 'planned' as const, expected_count: 36, groups: ['第一组'] }
    const i = sittingInput(s as never)
    i.groups.push('第二组')
    expect(s.groups).toEqual(['第一组'])
  })
})

const sitting = (date: string, half_day: 'am' | 'pm' | 'eve'): Sitting =>
  ({ ...newSitting(meeting()), id: 1, seq: 1, date, half_day, status: 'planned', expected_count: 0 }) as Sitting

describe('setting up a plenary', () => {
  const plenary = meeting({ kind: 'plenary', start_date: '2026-01-12', end_date: '2026-01-15', venue: '安宁会堂' })
  it('gives an afternoon sitting an afternoon start, but keeps a time the user typed', () => {
    expect(defaultStart('am')).toBe('09:00')
    expect(defaultStart('pm')).toBe('14:30')
    expect(startAfterHalfDayChange('09:00', 'am', 'pm')).toBe('14:30')
    expect(startAfterHalfDayChange('', 'am', 'eve')).toBe('19:30')
    expect(startAfterHalfDayChange('08:30', 'am', 'pm')).toBe('08:30')
    expect(startAfterHalfDayChange('14:30', 'pm', 'am')).toBe('09:00')
  })
  it('starts a new sitting in the half-day after the last one, within the meeting', () => {
    expect(nextSlot(plenary, [])).toEqual({ date: '2026-01-12', half_day: 'am' })
    expect(nextSlot(plenary, [sitting('2026-01-12', 'am')])).toEqual({ date: '2026-01-12', half_day: 'pm' })
    expect(nextSlot(plenary, [sitting('2026-01-13', 'pm'), sitting('2026-01-12', 'am')])).toEqual({ date: '2026-01-14', half_day: 'am' })
    expect(nextSlot(plenary, [sitting('2026-01-15', 'pm')])).toEqual({ date: '2026-01-15', half_day: 'pm' })
    const s = newSitting(plenary, [sitting('2026-01-12', 'am')])
    expect([s.date, s.half_day, s.start_time, s.venue]).toEqual(['2026-01-12', 'pm', '14:30', '安宁会堂'])
  })
  it('fills a plenary from its session unless the user typed a title of their own', () => {
    const blank = { ...meetingInput(meeting()), kind: 'plenary' as const, title: '', start_date: '2026-01-01', end_date: '' }
    const fromSession = { ...blank, session_id: 7, title: '政协安宁市第七届委员会第四次会议', start_date: '2026-01-12', end_date: '2026-01-15' }
    const filled = withSession(blank, fromSession, '')
    expect([filled.title, filled.session_id, filled.start_date, filled.end_date]).toEqual(['政协安宁市第七届委员会第四次会议', 7, '2026-01-12', '2026-01-15'])
    const own = withSession({ ...blank, title: '七届四次会议全体会议' }, fromSession, '')
    expect(own.title).toBe('七届四次会议全体会议')
    expect(own.start_date).toBe('2026-01-12')
    const other = { ...fromSession, session_id: 8, title: '政协安宁市第七届委员会第五次会议' }
    expect(withSession(filled, other, filled.title).title).toBe('政协安宁市第七届委员会第五次会议')
  })
  it('dates a new meeting today in the current year, not on 1 January', () => {
    expect(blankMeeting(2026, '2026-12-02').start_date).toBe('2026-12-02')
    expect(blankMeeting(2020, '2026-12-02').start_date).toBe('2020-01-01')
  })
  it('copies a meeting and a session into their forms for editing', () => {
    const m = meetingInput(meeting())
    expect([m.title, m.start_date, m.venue]).toEqual(['常委会第二十一次会议', '2020-05-21', '三楼会议室'])
    const s = sessionInput({ id: 3, term_number: 7, session_number: 4, name: '七届四次会议', year: 2026, opened_on: '2026-01-12', closed_on: null })
    expect(s).toEqual({ term_number: 7, session_number: 4, name: '七届四次会议', year: 2026, opened_on: '2026-01-12', closed_on: null })
  })
  it('orders a day\'s sittings 上午, 下午, 晚上 (not by the codes\' spelling, where eve < pm)', () => {
    const day = [
      { date: '2021-01-20', half_day: 'eve' as const },
      { date: '2021-01-20', half_day: 'pm' as const },
      { date: '2021-01-21', half_day: 'am' as const },
      { date: '2021-01-20', half_day: 'am' as const },
    ]
    const sorted = [...day].sort((a, b) => sittingOrder(a).localeCompare(sittingOrder(b)))
    expect(sorted.map((s) => `${s.date} ${s.half_day}`)).toEqual(['2021-01-20 am', '2021-01-20 pm', '2021-01-20 eve', '2021-01-21 am'])
    expect(sittingOrder({ date: '2021-01-20', half_day: 'eve' }) > sittingOrder({ date: '2021-01-20', half_day: 'pm' })).toBe(true)
  })
})
