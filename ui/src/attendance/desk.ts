// The check-in desk's logic, kept out of the component so it can be tested: choosing among
// candidates with the keyboard, what a key press means, and the texts shown.
import type { PersonCard } from '@/bindings/PersonCard'
import type { CheckInOutcome } from '@/bindings/CheckInOutcome'
import type { AttendanceStatus } from '@/bindings/AttendanceStatus'

export interface PickState {
  candidates: PersonCard[]
  index: number
}

export type PickAction =
  | { type: 'show'; candidates: PersonCard[] }
  | { type: 'down' }
  | { type: 'up' }
  | { type: 'clear' }

export const emptyPick: PickState = { candidates: [], index: 0 }

/** The candidate list: arrows move (wrapping round), a new list starts at the top. */
export function pick(state: PickState, action: PickAction): PickState {
  switch (action.type) {
    case 'show':
      return { candidates: action.candidates, index: 0 }
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

export function chosen(state: PickState): PersonCard | null {
  return state.candidates[state.index] ?? null
}

/** What a key at the desk's input does. */
export type DeskKey =
  | { do: 'check_in'; query: string }
  | { do: 'check_in_person'; person: PersonCard }
  | { do: 'pick'; action: PickAction }
  | { do: 'undo' }
  | { do: 'nothing' }

export interface KeyInfo {
  key: string
  ctrlKey?: boolean
  metaKey?: boolean
}

export function deskKey(e: KeyInfo, query: string, state: PickState): DeskKey {
  const choosing = state.candidates.length > 0
  if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z') return { do: 'undo' }
  switch (e.key) {
    case 'ArrowDown':
      return choosing ? { do: 'pick', action: { type: 'down' } } : { do: 'nothing' }
    case 'ArrowUp':
      return choosing ? { do: 'pick', action: { type: 'up' } } : { do: 'nothing' }
    case 'Escape':
      return { do: 'pick', action: { type: 'clear' } }
    case 'Enter': {
      const c = chosen(state)
      if (choosing && c) return { do: 'check_in_person', person: c }
      const q = query.trim()
      return q ? { do: 'check_in', query: q } : { do: 'nothing' }
    }
    default:
      return { do: 'nothing' }
  }
}

const ROLE: Record<string, string> = {
  chair: '主席',
  vice_chair: '副主席',
  secretary_general: '秘书长',
  standing: '常委',
  member: '委员',
  invitee: '列席',
}
export const roleLabel = (role: string) => ROLE[role] ?? role

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
