// Typed wrappers of the bulletin commands (src-tauri/src/commands/bulletins.rs).
import { call } from './ipc'
import type { Bulletin } from '@/bindings/Bulletin'
import type { BulletinInput } from '@/bindings/BulletinInput'
import type { ComposeRemark } from '@/bindings/ComposeRemark'
import type { ComposeRequest } from '@/bindings/ComposeRequest'
import type { ComposeSitting } from '@/bindings/ComposeSitting'
import type { ExportOutcome } from '@/bindings/ExportOutcome'
import type { Format } from '@/bindings/Format'
import type { PagedPreview } from '@/bindings/PagedPreview'

export const listBulletins = (sessionId: number | null = null) => call<Bulletin[]>('bulletins_list', { sessionId })
export const getBulletin = (id: number) => call<Bulletin>('bulletins_get', { id })
export const draftBulletin = (sessionId: number | null) => call<BulletinInput>('bulletins_draft', { sessionId })
export const composeSittings = (sessionId: number) => call<ComposeSitting[]>('bulletins_compose_sittings', { sessionId })
export const composeRemarks = (sittingIds: number[]) => call<ComposeRemark[]>('bulletins_compose_remarks', { sittingIds })
export const composeBody = (request: ComposeRequest) => call<string>('bulletins_compose_body', { request })
export const saveBulletin = (input: BulletinInput) => call<Bulletin>('bulletins_save', { input })
export const deleteBulletin = (id: number) => call<void>('bulletins_delete', { id })
export const previewBulletin = (input: BulletinInput) => call<PagedPreview>('bulletins_preview', { input })
export const exportBulletin = (id: number, format: Format, path: string | null = null) =>
  call<ExportOutcome>('bulletins_export', { id, format, path })
