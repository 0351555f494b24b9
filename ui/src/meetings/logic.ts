// Pure helpers of the calendar pages.
import { MEETING_KINDS, SITTING_KINDS, HALF_DAYS, EXPECTS } from '@/bindings/labels'
import type { MeetingKind } from '@/bindings/MeetingKind'
import type { SittingKind } from '@/bindings/SittingKind'
import type { HalfDay } from '@/bindings/HalfDay'
import type { Expect } from '@/bindings/Expect'
import type { Meeting } from '@/bindings/Meeting'
import type { Sitting } from '@/bindings/Sitting'
import type { SittingInput } from '@/bindings/SittingInput'
import type { MeetingInput } from '@/bindings/MeetingInput'
import type { Session } from '@/bindings/Session'
import type { SessionInput } from '@/bindings/SessionInput'

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

/** The usual start of a half-day: 上午 09:00, 下午 14:30, 晚上 19:30. */
export function defaultStart(h: HalfDay): string {
  return h === 'pm' ? '14:30' : h === 'eve' ? '19:30' : '09:00'
}

/** The start time after the half-day changed: a start left empty or at the old half-day's usual
 *  time follows the new half-day; a time the user typed is kept. */
export function startAfterHalfDayChange(start: string, from: HalfDay, to: HalfDay): string {
  return start === '' || start === defaultStart(from) ? defaultStart(to) : start
}

function nextDay(date: string): string {
  const d = new Date(date + 'T00:00:00')
  d.setDate(d.getDate() + 1)
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

/** A key that sorts sittings by day, then 上午 < 下午 < 晚上 (the codes' alphabetical order puts
 *  'eve' before 'pm'). */
export const sittingOrder = (s: { date: string; half_day: HalfDay }) =>
  `${s.date}${HALF_DAYS.findIndex((h) => h.value === s.half_day)}`

/** The half-day after the meeting's last sitting (上午 → 下午 the same day, else the next morning),
 *  never past the meeting's last day; the meeting's first morning when it has none. */
export function nextSlot(m: Meeting, existing: Sitting[]): { date: string; half_day: HalfDay } {
  const last = [...existing].sort((a, b) => sittingOrder(a).localeCompare(sittingOrder(b))).pop()
  if (!last) return { date: m.start_date, half_day: 'am' }
  if (last.half_day === 'am') return { date: last.date, half_day: 'pm' }
  const d = nextDay(last.date)
  return d > m.end_date ? { date: last.date, half_day: last.half_day } : { date: d, half_day: 'am' }
}

export function newSitting(m: Meeting, existing: Sitting[] = []): SittingInput {
  const slot = nextSlot(m, existing)
  return {
    meeting_id: m.id, seq: null, title: '', kind: m.kind === 'plenary' ? (existing.length ? 'group_discussion' : 'opening') : 'other',
    date: slot.date, half_day: slot.half_day, start_time: defaultStart(slot.half_day), end_time: '', venue: m.venue, presiding: '',
    expect: m.kind === 'standing_committee' || m.kind === 'topical_consultation' ? 'standing' : 'all',
    groups: [], member_ids: [], invitee_ids: [], election: false, notes: '', agenda: [],
  }
}

/** A new meeting of the year on screen: dated today when that is the current year (local date),
 *  else the year's first day; organised by the office. */
export function blankMeeting(year: number, today: string): MeetingInput {
  const start = today.startsWith(`${year}-`) ? today : `${year}-01-01`
  return { kind: 'standing_committee', title: '', session_id: null, ordinal: null, topical: false, enlarged: false, start_date: start, end_date: '', organizer: '办公室', venue: '', notes: '' }
}

/** A meeting back into the form's input, for editing. */
export function meetingInput(m: Meeting): MeetingInput {
  return {
    kind: m.kind, title: m.title, session_id: m.session_id, ordinal: m.ordinal, topical: m.topical, enlarged: m.enlarged,
    start_date: m.start_date, end_date: m.end_date, organizer: m.organizer, venue: m.venue, notes: m.notes,
  }
}

/** A session back into the form's input, for editing. */
export function sessionInput(s: Session): SessionInput {
  return {
    term_number: s.term_number, session_number: s.session_number, name: s.name, year: s.year,
    opened_on: s.opened_on, closed_on: s.closed_on,
  }
}

/** The new-meeting form after a session was chosen for a plenary: the session's name and dates
 *  replace what was there unless the user typed a title of their own. */
export function withSession(input: MeetingInput, fromSession: MeetingInput, previousAuto: string): MeetingInput {
  const ownTitle = input.title.trim() !== '' && input.title !== previousAuto
  return { ...input, session_id: fromSession.session_id, title: ownTitle ? input.title : fromSession.title,
    start_date: fromSession.start_date, end_date: fromSession.end_date }
}
