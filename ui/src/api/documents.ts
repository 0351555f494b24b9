// Typed wrappers of the document commands (src-tauri/src/commands/documents.rs).
import { call } from './ipc'
import type { TaskArgs } from '@/app/task'
import type { MinutesTarget } from '@/bindings/MinutesTarget'
import type { MinutesInput } from '@/bindings/MinutesInput'
import type { Minutes } from '@/bindings/Minutes'
import type { PagedPreview } from '@/bindings/PagedPreview'
import type { PreviewPage } from '@/bindings/PreviewPage'
import type { Format } from '@/bindings/Format'
import type { ExportOutcome } from '@/bindings/ExportOutcome'
import type { FontSettings } from '@/bindings/FontSettings'
import type { FontRole } from '@/bindings/FontRole'
import type { SystemFontChoice } from '@/bindings/SystemFontChoice'
import type { MinutesEntry } from '@/bindings/MinutesEntry'
import type { AttendanceNames } from '@/bindings/AttendanceNames'
import type { FontSample } from '@/bindings/FontSample'

export const minutesTargets = () => call<MinutesTarget[]>('minutes_targets')
export const minutesDraft = (sittingId: number | null, meetingId: number | null) =>
  call<MinutesInput>('minutes_draft', { sittingId, meetingId })
export const saveMinutes = (input: MinutesInput) => call<Minutes>('minutes_save', { input })
export const deleteMinutes = (id: number) => call<void>('minutes_delete', { id })
/** The edited minutes laid out: page count and a key per page; draw each page with previewPage. */
export const previewMinutes = (input: MinutesInput) => call<PagedPreview>('minutes_preview', { input })
/** One laid-out page of any document, by its key, as SVG. */
export const previewPage = (key: string) => call<PreviewPage>('document_preview_page', { key })
/** Writes the minutes to `path` (or the export folder); `watch` shows its progress and lets it be cancelled. */
export const exportMinutes = (input: MinutesInput, format: Format, path: string | null = null, watch?: TaskArgs) =>
  call<ExportOutcome>('minutes_export', { input, format, path, watch: watch ?? null })
export const openDocument = (path: string) => call<void>('document_open', { path })
export const revealDocument = (path: string) => call<void>('document_reveal', { path })
export const exportDir = () => call<string>('documents_export_dir')
export const listMinutes = () => call<MinutesEntry[]>('minutes_list')
export const minutesBodySummary = (body: string) => call<string>('minutes_body_summary', { body })
export const minutesAttendance = (input: MinutesInput) => call<AttendanceNames>('minutes_attendance', { input })
export const exportSavedMinutes = (id: number, format: Format, path: string | null = null, watch?: TaskArgs) =>
  call<ExportOutcome>('minutes_export_saved', { id, format, path, watch: watch ?? null })

export const fontSettings = () => call<FontSettings>('font_settings')
export const setFont = (role: FontRole, path: string | null) => call<FontSettings>('font_set', { role, path })
export const useSystemFonts = (on: boolean) => call<FontSettings>('font_use_system', { on })
export const fontSamples = () => call<FontSample[]>('font_samples')
export const fontCandidates = () => call<SystemFontChoice[]>('font_candidates')
