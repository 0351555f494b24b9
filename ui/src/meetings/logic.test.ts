import { describe, expect, it } from 'vitest'
import { byDay, countByKind, meetingTag, newSitting, sittingInput } from './logic'
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
