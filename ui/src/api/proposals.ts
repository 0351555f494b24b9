// Typed wrappers of the proposal commands (src-tauri/src/commands/proposals.rs).
import { call } from './ipc'
import type { Session } from '@/bindings/Session'
import type { MemberHit } from '@/bindings/MemberHit'
import type { Proposal } from '@/bindings/Proposal'
import type { ProposalFilter } from '@/bindings/ProposalFilter'
import type { ProposalInput } from '@/bindings/ProposalInput'
import type { ProposalStats } from '@/bindings/ProposalStats'
import type { StatsScope } from '@/bindings/StatsScope'
import type { NotFiledOutcome } from '@/bindings/NotFiledOutcome'
import type { SimilarProposal } from '@/bindings/SimilarProposal'
import type { AssignInput } from '@/bindings/AssignInput'
import type { AnswerInput } from '@/bindings/AnswerInput'
import type { Rating } from '@/bindings/Rating'
import type { ProposalUnit } from '@/bindings/ProposalUnit'
import type { LetterUnit } from '@/bindings/LetterUnit'
import type { ProposalSettings } from '@/bindings/ProposalSettings'
import type { ProposalExportKind } from '@/bindings/ProposalExportKind'
import type { ProposalExportResult } from '@/bindings/ProposalExportResult'

export const sessions = () => call<Session[]>('proposal_sessions')
export const list = (filter: ProposalFilter) => call<Proposal[]>('proposal_list', { filter })
export const get = (id: number) => call<Proposal>('proposal_get', { id })
export const stats = (scope: StatsScope) => call<ProposalStats>('proposal_stats', { scope })
export const searchMembers = (query: string) => call<MemberHit[]>('proposal_member_search', { query })
export const add = (input: ProposalInput) => call<Proposal>('proposal_add', { input })
export const update = (id: number, input: ProposalInput) => call<Proposal>('proposal_update', { id, input })
export const file = (id: number, number: number | null, date: string) => call<Proposal>('proposal_file', { id, number, date })
export const reject = (id: number, reason: string, outcome: NotFiledOutcome, date: string) =>
  call<Proposal>('proposal_reject', { id, reason, outcome, date })
export const merge = (id: number, into: number, date: string) => call<Proposal>('proposal_merge', { id, into, date })
export const similar = (id: number) => call<SimilarProposal[]>('proposal_similar', { id })
export const assign = (id: number, input: AssignInput) => call<Proposal>('proposal_assign', { id, input })
export const talk = (id: number, date: string) => call<Proposal>('proposal_talk', { id, date })
export const answer = (id: number, input: AnswerInput) => call<Proposal>('proposal_answer', { id, input })
export const rate = (id: number, rating: Rating, date: string) => call<Proposal>('proposal_rate', { id, rating, date })
export const visit = (id: number, date: string, note: string) => call<Proposal>('proposal_visit', { id, date, note })
export const withdraw = (id: number, by: string, reason: string, date: string) =>
  call<Proposal>('proposal_withdraw', { id, by, reason, date })
export const units = () => call<ProposalUnit[]>('proposal_units')
export const addUnit = (name: string) => call<ProposalUnit>('proposal_unit_add', { name })
/** Renames a unit or sets it in / out of use (a unit is never deleted: its proposals point at it). */
export const updateUnit = (id: number, name: string, active: boolean) =>
  call<ProposalUnit>('proposal_unit_update', { id, name, active })
/** The units a 交办函 can go to in the session, with how many proposals each leads and co-handles. */
export const letterUnits = (sessionId: number) => call<LetterUnit[]>('proposal_letter_units', { sessionId })
export const settings = () => call<ProposalSettings>('proposal_settings')
export const saveSettings = (s: ProposalSettings) => call<ProposalSettings>('proposal_settings_save', { settings: s })
export const exportDoc = (kind: ProposalExportKind, sessionId: number, target: number | null, ext: string, path: string | null = null) =>
  call<ProposalExportResult>('proposal_export', { kind, sessionId, target, ext, path })
import type { RegisterImportPreview } from '@/bindings/RegisterImportPreview'
/** The register file read and checked row by row for the session; nothing is written. */
export const importPreview = (path: string, sessionId: number) =>
  call<RegisterImportPreview>('proposal_import_preview', { path, sessionId })
/** Imports every row of the register into the session, or none; returns how many. */
export const importRegister = (path: string, sessionId: number) => call<number>('proposal_import', { path, sessionId })
