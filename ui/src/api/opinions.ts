// Typed wrappers of the consultation-opinion commands (src-tauri/src/commands/opinions.rs).
import { call } from './ipc'
import type { Report } from '@/bindings/Report'
import type { ReportInput } from '@/bindings/ReportInput'
import type { ReportContext } from '@/bindings/ReportContext'
import type { MemberHit } from '@/bindings/MemberHit'
import type { Remark } from '@/bindings/Remark'
import type { RemarkInput } from '@/bindings/RemarkInput'
import type { RemarkFilter } from '@/bindings/RemarkFilter'
import type { RemarkPage } from '@/bindings/RemarkPage'
import type { RemarkSuggestion } from '@/bindings/RemarkSuggestion'
import type { Opinion } from '@/bindings/Opinion'
import type { OpinionBoard } from '@/bindings/OpinionBoard'
import type { MergeInput } from '@/bindings/MergeInput'
import type { OpinionFeedback } from '@/bindings/OpinionFeedback'
import type { OpinionFeedbackSummary } from '@/bindings/OpinionFeedbackSummary'
import type { OpinionExportFormat } from '@/bindings/OpinionExportFormat'
import type { OpinionExportResult } from '@/bindings/OpinionExportResult'

export const listReports = (sessionId: number | null = null) => call<Report[]>('opinion_reports', { sessionId })
export const createReport = (input: ReportInput) => call<Report>('opinion_report_create', { input })
export const updateReport = (id: number, input: ReportInput) => call<Report>('opinion_report_update', { id, input })
export const deleteReport = (id: number) => call<void>('opinion_report_delete', { id })
export const reportContext = (reportId: number) => call<ReportContext>('opinion_report_context', { reportId })
export const searchSpeakers = (query: string, date: string | null = null) =>
  call<MemberHit[]>('opinion_speaker_search', { query, date })

export const cleanText = (text: string) => call<string>('remark_clean_text', { text })
/** The core's first draft of an opinion from its remarks: their sentences, each once, one per line. */
export const draftText = (texts: string[]) => call<string>('opinion_draft_text', { texts })
export const addRemark = (input: RemarkInput) => call<Remark>('remark_add', { input })
export const updateRemark = (id: number, input: RemarkInput) => call<Remark>('remark_update', { id, input })
export const deleteRemark = (id: number) => call<void>('remark_delete', { id })
export const listRemarks = (filter: RemarkFilter) => call<RemarkPage>('remark_list', { filter })
export const setAside = (remarkIds: number[], reason: string) => call<void>('remark_set_aside', { remarkIds, reason })
export const restoreRemarks = (remarkIds: number[]) => call<void>('remark_restore', { remarkIds })
export const similarRemarks = (remarkId: number) => call<RemarkSuggestion[]>('remark_similar', { remarkId })

export const board = (reportId: number) => call<OpinionBoard>('opinion_board', { reportId })
export const merge = (input: MergeInput) => call<Opinion>('opinion_merge', { input })
export const split = (opinionId: number, remarkIds: number[], topic: string, text: string) =>
  call<Opinion>('opinion_split', { opinionId, remarkIds, topic, text })
export const moveRemark = (remarkId: number, to: number | null) => call<void>('opinion_move_remark', { remarkId, to })
export const moveOpinion = (opinionId: number, number: number) => call<void>('opinion_move', { opinionId, number })
export const reorder = (reportId: number, order: number[]) => call<void>('opinion_reorder', { reportId, order })
export const updateOpinion = (opinionId: number, topic: string, text: string) =>
  call<Opinion>('opinion_update', { opinionId, topic, text })
export const dissolveOpinion = (opinionId: number) => call<void>('opinion_dissolve', { opinionId })
export const undo = (reportId: number) => call<string>('opinion_undo', { reportId })
export const finalise = (reportId: number) => call<Report>('opinion_finalise', { reportId })
export const reopen = (reportId: number) => call<Report>('opinion_reopen', { reportId })
export const suggestions = (reportId: number, minScore: number | null = null) =>
  call<RemarkSuggestion[]>('opinion_suggestions', { reportId, minScore })

export const setFeedback = (opinionId: number, feedback: OpinionFeedback) =>
  call<Opinion>('opinion_feedback_set', { opinionId, feedback })
export const markListSent = (reportId: number, sentOn: string, receivingBody: string) =>
  call<number>('opinion_list_sent', { reportId, sentOn, receivingBody })
export const feedbackSummary = (reportId: number) => call<OpinionFeedbackSummary>('opinion_feedback_summary', { reportId })
export const exportList = (reportId: number, format: OpinionExportFormat, trace: boolean, path: string | null = null) =>
  call<OpinionExportResult>('opinion_export', { reportId, format, trace, path })

import type { Session } from '@/bindings/Session'
export const listSessions = () => call<Session[]>('opinion_sessions')
