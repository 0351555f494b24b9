// The check-in desk's logic, kept out of the component so it can be tested: choosing among
// candidates with the keyboard, what a key press means, and the texts shown.
//
// A candidate list belongs to the text it was made for. Any change to the text drops the list, and
// Enter acts on a chosen candidate only while the text is still the one the list was made for;
// otherwise Enter sends the current text. The core checks the same again (Desk::check_in_chosen).
import type { PersonCard } from '@/bindings/PersonCard'
import type { Candidate } from '@/bindings/Candidate'
import type { CheckInOutcome } from '@/bindings/CheckInOutcome'
import type { AttendanceStatus } from '@/bindings/AttendanceStatus'
import type { SittingChoice } from '@/bindings/SittingChoice'
import type { CardRole } from '@/bindings/CardRole'
import { ROLES } from '@/bindings/labels'

export interface PickState {
  candidates: Candidate[]
  index: number
  /** The text (trimmed) the candidates were found for. */
  query: string
}

export type PickAction =
  | { type: 'show'; candidates: Candidate[]; query: string }
  | { type: 'down' }
  | { type: 'up' }
  | { type: 'clear' }

export const emptyPick: PickState = { candidates: [], index: 0, query: '' }

/** The candidate list: arrows move (wrapping round), a new list starts at the top. */
export function pick(state: PickState, action: PickAction): PickState {
  switch (action.type) {
    case 'show':
      return { candidates: action.candidates, index: 0, query: action.query.trim() }
    case 'clear':
      return emptyPick
    case 'down':
      if (!state.candidates.length) return state
      return { ...state, index: (state.index + 1) % state.candidates.length }
    case 'up':
      if (!state.candidates.length) return state
      return { ...state, index: (state.index - 1 + state.candidates.length) % state.candidates.length }
  }
}

/** The list as it stands after the text became `text`: kept only if it was made for that text. */
export function afterTyping(state: PickState, text: string): PickState {
  return state.candidates.length && state.query !== text.trim() ? emptyPick : state
}

/** Whether the list is the current text's (and so may be chosen from). */
export function listFor(state: PickState, text: string): boolean {
  return state.candidates.length > 0 && state.query === text.trim()
}

export function chosen(state: PickState): Candidate | null {
  return state.candidates[state.index] ?? null
}

/** What a key at the desk's input does. */
export type DeskKey =
  | { do: 'check_in'; query: string }
  | { do: 'check_in_chosen'; query: string; person: PersonCard }
  | { do: 'pick'; action: PickAction }
  | { do: 'undo' }
  | { do: 'nothing' }

export interface KeyInfo {
  key: string
  ctrlKey?: boolean
  metaKey?: boolean
  /** An IME is composing (Chinese input): its Enter commits the text, not a check-in. */
  isComposing?: boolean
}

export function deskKey(e: KeyInfo, text: string, state: PickState): DeskKey {
  const choosing = listFor(state, text)
  if (e.isComposing) return { do: 'nothing' }
  if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z') return { do: 'undo' }
  switch (e.key) {
    case 'ArrowDown':
      return choosing ? { do: 'pick', action: { type: 'down' } } : { do: 'nothing' }
    case 'ArrowUp':
      return choosing ? { do: 'pick', action: { type: 'up' } } : { do: 'nothing' }
    case 'Escape':
      return { do: 'pick', action: { type: 'clear' } }
    case 'Enter': {
      const q = text.trim()
      const c = chosen(state)
      if (choosing && c) return { do: 'check_in_chosen', query: q, person: c.card }
      return q ? { do: 'check_in', query: q } : { do: 'nothing' }
    }
    default:
      return { do: 'nothing' }
  }
}

/** «2021-01-19»: the local calendar date of `d` (never the UTC one: before 08:00 in Beijing the
 *  UTC date is still yesterday). */
export function localDate(d: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`
}

/** The sitting the desk opens on: the earliest open one today or later (local date), else the
 *  latest open one, else the newest. `sittings` come newest first. */
export function deskDefault(sittings: SittingChoice[], now: Date = new Date()): number | null {
  const today = localDate(now)
  const open = sittings.filter((s) => !s.closed)
  const upcoming = [...open].reverse().find((s) => s.date >= today)
  return (upcoming ?? open[0] ?? sittings[0])?.sitting_id ?? null
}

/** Which of 离场 / 返回 the desk offers for the last person it dealt with. */
export interface LastPerson {
  card: PersonCard
  inRoom: boolean
}

/** The last person after an undo: dropped when the undone action was theirs. */
export function afterUndo(last: LastPerson | null, undone: { kind: string; id: number }): LastPerson | null {
  if (!last) return null
  return last.card.person.kind === undone.kind && last.card.person.id === undone.id ? null : last
}

/** A member's 职务 (the core's label table), or 列席 for an invitee. */
export const roleLabel = (role: CardRole) => (role === 'invitee' ? '列席' : ROLES.find((x) => x.value === role)?.label ?? role)

/** «第二组 · 民盟 · 2排1号» for a member; «列席 · 安宁市人大常委会 副主任» for an invitee. */
export function cardLine(c: PersonCard): string {
  if (c.role === 'invitee') return ['列席', [c.sector, c.group].filter(Boolean).join(' ')].filter(Boolean).join(' · ')
  return [c.group, c.sector, c.seat && `座位 ${c.seat}`, c.member_no].filter(Boolean).join(' · ')
}

export interface Confirmation {
  tone: 'success' | 'warning' | 'info' | 'error'
  title: string
  card: PersonCard | null
  time: string
}

function hms(at: string): string {
  const m = /T?(\d{2}:\d{2}:\d{2})/.exec(at)
  return m ? m[1] : at
}

/** The confirmation after Enter, from the outcome. */
export function confirmation(o: CheckInOutcome): Confirmation | null {
  switch (o.outcome) {
    case 'checked_in':
      return {
        tone: o.late ? 'warning' : 'success',
        title: o.returned ? '已返回会场' : o.late ? '已签到（迟到）' : '已签到',
        card: o.card,
        time: hms(o.at),
      }
    case 'already_present':
      return { tone: 'info', title: '已在场，无需重复签到', card: o.card, time: o.at }
    case 'not_found':
      return { tone: 'error', title: o.message, card: null, time: '' }
    case 'candidates':
      return null
  }
}

/** The mark beside a candidate: who is already here, on leave, or not yet. */
export function candidateMark(c: Candidate): { text: string; tone: 'present' | 'leave' | 'waiting' } {
  if (c.status === 'present') return { text: c.status_text, tone: 'present' }
  if (c.status === 'leave') return { text: c.status_text, tone: 'leave' }
  return { text: c.status_text, tone: 'waiting' }
}

export const STATUS_LABEL: Record<AttendanceStatus, string> = {
  present: '已到',
  leave: '请假',
  not_arrived: '未到',
  absent: '缺席',
}

// One source for these labels: the core (bindings/labels.ts) and the calendar's helpers.
export { LEAVE_KINDS } from '@/bindings/labels'
export { halfDayLabel } from '@/meetings/logic'

/** 0.9734 → «97.3%» */
export const percent = (r: number) => `${(r * 100).toFixed(1)}%`
