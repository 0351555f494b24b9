// Typed wrappers of the attendance commands (src-tauri/src/commands/attendance.rs).
import { call } from './ipc'
import type { SittingChoice } from '@/bindings/SittingChoice'
import type { AttendancePanel } from '@/bindings/AttendancePanel'
import type { AttendanceRow } from '@/bindings/AttendanceRow'
import type { DeskResult } from '@/bindings/DeskResult'
import type { PersonRef } from '@/bindings/PersonRef'
import type { PersonCard } from '@/bindings/PersonCard'
import type { AttendanceEvent } from '@/bindings/AttendanceEvent'
import type { AttendanceEventKind } from '@/bindings/AttendanceEventKind'
import type { LastAction } from '@/bindings/LastAction'
import type { Leave } from '@/bindings/Leave'
import type { LeaveInput } from '@/bindings/LeaveInput'
import type { SittingAttendanceStats } from '@/bindings/SittingAttendanceStats'
import type { AttendanceStats } from '@/bindings/AttendanceStats'
import type { MemberAttendance } from '@/bindings/MemberAttendance'
import type { AttendanceRule } from '@/bindings/AttendanceRule'
import type { UndoResult } from '@/bindings/UndoResult'

export const sittings = () => call<SittingChoice[]>('attendance_sittings')
export const panel = (sittingId: number) => call<AttendancePanel>('attendance_panel', { sittingId })
export const rows = (sittingId: number) => call<AttendanceRow[]>('attendance_rows', { sittingId })

/** Enter at the desk: one round trip, the outcome and the new panel. */
export const checkIn = (sittingId: number, query: string) =>
  call<DeskResult>('attendance_check_in', { sittingId, query })
/** Enter on a candidate chosen from the list made for `query` (the core re-checks that it still matches). */
export const checkInChosen = (sittingId: number, query: string, person: PersonRef) =>
  call<DeskResult>('attendance_check_in_chosen', { sittingId, query, person })
export const leaveEarly = (sittingId: number, person: PersonRef) =>
  call<AttendancePanel>('attendance_leave_early', { sittingId, person })
export const comeBack = (sittingId: number, person: PersonRef) =>
  call<AttendancePanel>('attendance_come_back', { sittingId, person })
export const undo = (sittingId: number) => call<UndoResult>('attendance_undo', { sittingId })

export const events = (sittingId: number) => call<AttendanceEvent[]>('attendance_events', { sittingId })
export const correct = (sittingId: number, person: PersonRef, kind: AttendanceEventKind, at: string, note: string) =>
  call<AttendancePanel>('attendance_correct', { sittingId, person, kind, at, note })
export const voidEvent = (eventId: number, note: string) => call<LastAction>('attendance_void_event', { eventId, note })

export const leaves = (sittingId: number) => call<Leave[]>('attendance_leaves', { sittingId })
export const memberLeaves = (memberId: number) => call<Leave[]>('attendance_member_leaves', { memberId })
export const recordLeave = (input: LeaveInput) => call<Leave>('attendance_record_leave', { input })
export const updateLeave = (id: number, input: LeaveInput) => call<Leave>('attendance_update_leave', { id, input })
export const cancelLeave = (id: number, reason: string) => call<Leave>('attendance_cancel_leave', { id, reason })
export const sittingRange = (first: number, last: number) => call<number[]>('attendance_sitting_range', { first, last })
export const findMembers = (query: string, date: string | null = null) =>
  call<PersonCard[]>('attendance_find_members', { query, date })

export const closeSitting = (sittingId: number) => call<AttendancePanel>('attendance_close', { sittingId })
export const reopenSitting = (sittingId: number) => call<AttendancePanel>('attendance_reopen', { sittingId })

export const sittingStats = (sittingId: number) => call<SittingAttendanceStats>('attendance_sitting_stats', { sittingId })
export const meetingStats = (meetingId: number) => call<AttendanceStats>('attendance_meeting_stats', { meetingId })
export const periodStats = (from: string | null, to: string | null) =>
  call<AttendanceStats>('attendance_period_stats', { from, to })
export const memberAttendance = (memberId: number, from: string | null, to: string | null) =>
  call<MemberAttendance>('attendance_member', { memberId, from, to })

export const rules = () => call<AttendanceRule[]>('attendance_rules')
export const setRule = (rule: AttendanceRule) => call<AttendanceRule>('attendance_set_rule', { rule })

export interface ExportScope {
  sittingId?: number | null
  meetingId?: number | null
  memberId?: number | null
  from?: string | null
  to?: string | null
}
/** Writes an .xlsx into 文档/会务导出/ (or `path`) and returns the file written. */
export const exportXlsx = (scope: ExportScope, path: string | null = null) =>
  call<string>('attendance_export', {
    sittingId: scope.sittingId ?? null,
    meetingId: scope.meetingId ?? null,
    memberId: scope.memberId ?? null,
    from: scope.from ?? null,
    to: scope.to ?? null,
    path,
  })
/** The sign-in sheet as PDF into the export folder (or `path`); opened in the viewer when `open`. */
export const signInSheet = (sittingId: number, pagePerGroup: boolean, open: boolean, path: string | null = null) =>
  call<string>('attendance_sign_in_sheet', { sittingId, pagePerGroup, path, open })
