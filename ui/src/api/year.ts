// Typed wrappers of the year commands (src-tauri/src/commands/year.rs).
import { call } from './ipc'
import type { YearFigures } from '@/bindings/YearFigures'
import type { FigureRecord } from '@/bindings/FigureRecord'
import type { DraftExport } from '@/bindings/DraftExport'
import type { MemberRecord } from '@/bindings/MemberRecord'
import type { Format } from '@/bindings/Format'
import type { PointRulesSettings } from '@/bindings/PointRulesSettings'

export const figures = (from: string, to: string) => call<YearFigures>('year_figures', { from, to })
export const records = (from: string, to: string, key: string) => call<FigureRecord[]>('year_records', { from, to, key })
export const draft = (from: string, to: string) => call<string>('year_draft', { from, to })
export const generatedDraft = (from: string, to: string) => call<string>('year_draft_generated', { from, to })
export const saveDraft = (from: string, to: string, text: string) => call<void>('year_draft_save', { from, to, text })
export const exportDraft = (from: string, to: string, text: string, format: Format, path: string | null = null) =>
  call<DraftExport>('year_export', { from, to, text, format, path })
export const memberRecord = (memberId: number, from: string, to: string) =>
  call<MemberRecord>('member_record', { memberId, from, to })
export const exportMemberRecords = (memberIds: number[], from: string, to: string, path: string | null = null) =>
  call<DraftExport>('member_record_export', { memberIds, from, to, path })
export const pointRules = () => call<PointRulesSettings>('point_rules')
export const savePointRules = (settings: PointRulesSettings) => call<PointRulesSettings>('point_rules_save', { settings })
