// Typed wrappers of the roster commands (src-tauri/src/commands/roster.rs).
import { call } from './ipc'
import type { TaskArgs } from '@/app/task'
import type { Member } from '@/bindings/Member'
import type { MemberHit } from '@/bindings/MemberHit'
import type { MemberHistory } from '@/bindings/MemberHistory'
import type { MemberInput } from '@/bindings/MemberInput'
import type { MembershipEvent } from '@/bindings/MembershipEvent'
import type { MembershipEventInput } from '@/bindings/MembershipEventInput'
import type { NamedCount } from '@/bindings/NamedCount'
import type { RosterFilter } from '@/bindings/RosterFilter'
import type { DuplicatePair } from '@/bindings/DuplicatePair'
import type { ImportOptions } from '@/bindings/ImportOptions'
import type { ImportPreview } from '@/bindings/ImportPreview'
import type { ImportOutcome } from '@/bindings/ImportOutcome'
import type { Invitee } from '@/bindings/Invitee'
import type { InviteeInput } from '@/bindings/InviteeInput'
import type { ImportBatch } from '@/bindings/ImportBatch'
import type { UndoOutcome } from '@/bindings/UndoOutcome'

export const listMembers = (filter: RosterFilter) => call<Member[]>('roster_list', { filter })
export const searchMembers = (query: string, date: string | null = null, limit = 20) =>
  call<MemberHit[]>('roster_search', { query, date, limit })
export const memberHistory = (id: number) => call<MemberHistory>('roster_member', { id })
export const createMember = (input: MemberInput) => call<Member>('roster_create', { input })
export const updateMember = (id: number, input: MemberInput, roleEffectiveOn: string | null, reference: string | null) =>
  call<Member>('roster_update', { id, input, roleEffectiveOn, reference })
export const recordEvent = (memberId: number, event: MembershipEventInput) =>
  call<MembershipEvent>('roster_record_event', { memberId, event })
export const sectors = () => call<NamedCount[]>('roster_sectors')
export const groups = () => call<NamedCount[]>('roster_groups')
export const setConvener = (group: string, memberId: number | null) => call<void>('roster_set_convener', { group, memberId })
export const duplicates = () => call<DuplicatePair[]>('roster_duplicates')
export const confirmDistinct = (a: number, b: number) => call<void>('roster_confirm_distinct', { a, b })

/** The file to import: its bytes read in the window, or a path typed by the user. */
export interface ImportSource {
  bytes?: number[]
  path?: string
  fileName?: string
}
export const importPreview = (src: ImportSource, options: ImportOptions) =>
  call<ImportPreview>('roster_import_preview', { bytes: src.bytes ?? null, path: src.path ?? null, fileName: src.fileName ?? null, options })
/** Imports the file (all rows or none); `watch` shows its progress and lets it be cancelled. */
export const importRoster = (src: ImportSource, options: ImportOptions, watch?: TaskArgs) =>
  call<ImportOutcome>('roster_import', {
    bytes: src.bytes ?? null,
    path: src.path ?? null,
    fileName: src.fileName ?? null,
    options,
    watch: watch ?? null,
  })
export const exportRoster = (filter: RosterFilter, path: string | null = null) => call<string>('roster_export', { filter, path })

export const invitees = () => call<Invitee[]>('roster_invitees')
export const createInvitee = (input: InviteeInput) => call<Invitee>('roster_invitee_create', { input })
export const updateInvitee = (id: number, input: InviteeInput) => call<Invitee>('roster_invitee_update', { id, input })
export const deleteInvitee = (id: number) => call<void>('roster_invitee_delete', { id })

/** Every roster import, newest first, each saying whether it can still be undone. */
export const listImports = () => call<ImportBatch[]>('roster_imports')
/** Undoes one roster import as a batch (撤销导入). */
export const undoImport = (id: number) => call<UndoOutcome>('roster_import_undo', { id })
