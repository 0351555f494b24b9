// Typed wrappers of the calendar commands (src-tauri/src/commands/meetings.rs).
import { call } from './ipc'
import type { Session } from '@/bindings/Session'
import type { SessionInput } from '@/bindings/SessionInput'
import type { Meeting } from '@/bindings/Meeting'
import type { MeetingFilter } from '@/bindings/MeetingFilter'
import type { MeetingInput } from '@/bindings/MeetingInput'
import type { Sitting } from '@/bindings/Sitting'
import type { SittingInput } from '@/bindings/SittingInput'
import type { SittingStatus } from '@/bindings/SittingStatus'
import type { Member } from '@/bindings/Member'
import type { Invitee } from '@/bindings/Invitee'

export const sessions = () => call<Session[]>('meetings_sessions')
export const createSession = (input: SessionInput) => call<Session>('meetings_session_create', { input })
export const updateSession = (id: number, input: SessionInput) => call<Session>('meetings_session_update', { id, input })
export const deleteSession = (id: number) => call<void>('meetings_session_delete', { id })
/** What a new session starts from: the committee's term, the next session number. */
export const sessionDefaults = () => call<SessionInput>('meetings_session_defaults')
/** The plenary meeting of a session, named and dated from it. */
export const plenaryDefaults = (sessionId: number) => call<MeetingInput>('meetings_plenary_defaults', { sessionId })
/** The year the 会议 page opens on: `preferred` if it has meetings, else the latest year that has. */
export const yearToShow = (preferred: number) => call<number>('meetings_year_to_show', { preferred })
export const listMeetings = (filter: MeetingFilter) => call<Meeting[]>('meetings_list', { filter })
export const getMeeting = (id: number) => call<Meeting>('meetings_get', { id })
export const createMeeting = (input: MeetingInput) => call<Meeting>('meetings_create', { input })
export const updateMeeting = (id: number, input: MeetingInput) => call<Meeting>('meetings_update', { id, input })
/** Removes a meeting with its sittings; refused when anything is recorded on them. Returns the sittings removed. */
export const deleteMeeting = (id: number) => call<number>('meetings_delete', { id })
export const copySchedule = (from: number, to: number) => call<number>('meetings_copy_schedule', { from, to })
export const listSittings = (meetingId: number | null) => call<Sitting[]>('sittings_list', { meetingId })
export const getSitting = (id: number) => call<Sitting>('sittings_get', { id })
export const createSitting = (input: SittingInput) => call<Sitting>('sittings_create', { input })
export const updateSitting = (id: number, input: SittingInput) => call<Sitting>('sittings_update', { id, input })
export const deleteSitting = (id: number) => call<void>('sittings_delete', { id })
export const setSittingStatus = (id: number, status: SittingStatus) => call<Sitting>('sittings_set_status', { id, status })
export const expectedMembers = (id: number) => call<Member[]>('sittings_expected', { id })
export const sittingInvitees = (id: number) => call<Invitee[]>('sittings_invitees', { id })
