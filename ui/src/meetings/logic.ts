// Pure helpers of the calendar pages.
import { MEETING_KINDS, SITTING_KINDS, HALF_DAYS, EXPECTS } from '@/bindings/labels'
import type { MeetingKind } from '@/bindings/MeetingKind'
import type { SittingKind } from '@/bindings/SittingKind'
import type { HalfDay } from '@/bindings/HalfDay'
import type { Expect } from '@/bindings/Expect'
import type { Meeting } from '@/bindings/Meeting'
import type { Sitting } from '@/bindings/Sitting'
import type { SittingInput } from '@/bindings/SittingInput'

// The labels come from the core (generated into bindings/labels.ts): the window says what the core says.
export { MEETING_KINDS, SITTING_KINDS, HALF_DAYS, EXPECTS }

const label = <T extends string>(list: { value: T; label: string }[], v: T | string) =>
  list.find((x) => x.value === v)?.label ?? v
export const meetingKindLabel = (k: MeetingKind | string) => label(MEETING_KINDS, k)
export const sittingKindLabel = (k: SittingKind) => label(SITTING_KINDS, k)
export const halfDayLabel = (h: HalfDay | string) => label(HALF_DAYS, h)
export const expectLabel = (e: Expect) => label(EXPECTS, e)

/** 常委会会议（专题议政） / 主席会议（扩大）. */
export function meetingTag(m: Meeting): string {
  let t = meetingKindLabel(m.kind)
  if (m.topical) t += '（专题议政）'
  if (m.enlarged) t += '（扩大）'
  return t
}

/** Counts of meetings by kind, in the order of MEETING_KINDS, leaving out kinds with none. */
export function countByKind(ms: Meeting[]): { kind: MeetingKind; label: string; count: number }[] {
  return MEETING_KINDS.map((k) => ({ kind: k.value, label: k.label, count: ms.filter((m) => m.kind === k.value).length }))
    .filter((x) => x.count > 0)
}

/** Meetings on each day ('YYYY-MM-DD' → meetings), for the calendar. */
export function byDay(ms: Meeting[]): Map<string, Meeting[]> {
  const map = new Map<string, Meeting[]>()
  for (const m of ms) {
    const d = new Date(m.start_date + 'T00:00:00')
    const end = new Date(m.end_date + 'T00:00:00')
    for (let i = 0; d <= end && i < 31; i++) {
      const key = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
      map.set(key, [...(map.get(key) ?? []), m])
      d.setDate(d.getDate() + 1)
    }
  }
  return map
}

/** A sitting back into the editor's input. */
export function sittingInput(s: Sitting): SittingInput {
  return {
    meeting_id: s.meeting_id, seq: s.seq, title: s.title, kind: s.kind, date: s.date, half_day: s.half_day,
    start_time: s.start_time, end_time: s.end_time, venue: s.venue, presiding: s.presiding, expect: s.expect,
    groups: [...s.groups], member_ids: [...s.member_ids], invitee_ids: [...s.invitee_ids], election: s.election,
    notes: s.notes, agenda: s.agenda.map((a) => ({ ...a })),
  }
}

export function newSitting(m: Meeting): SittingInput {
  return {
    meeting_id: m.id, seq: null, title: '', kind: m.kind === 'plenary' ? 'opening' : 'other', date: m.start_date,
    half_day: 'am', start_time: '09:00', end_time: '', venue: m.venue, presiding: '',
    expect: m.kind === 'standing_committee' || m.kind === 'topical_consultation' ? 'standing' : 'all',
    groups: [], member_ids: [], invitee_ids: [], election: false, notes: '', agenda: [],
  }
}
