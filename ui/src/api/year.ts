// Typed wrappers of the year commands (src-tauri/src/commands/year.rs).
import { call } from './ipc'
import type { YearFigures } from '@/bindings/YearFigures'
import type { FigureRecord } from '@/bindings/FigureRecord'
import type { DraftExport } from '@/bindings/DraftExport'
import type { MemberRecord } from '@/bindings/MemberRecord'
import type { Format } from '@/bindings/Format'
import type { Consultation } from '@/bindings/Consultation'
import type { ConsultationItem } from '@/bindings/ConsultationItem'
import type { Duty } from '@/bindings/Duty'
import type { DutyInput } from '@/bindings/DutyInput'
import type { DutyKind } from '@/bindings/DutyKind'
import type { ItemFeedback } from '@/bindings/ItemFeedback'
import type { ItemInput } from '@/bindings/ItemInput'
import type { ItemSource } from '@/bindings/ItemSource'
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

// Entry of the year's records (履职活动登记): duties, consultations' 意见建议 and their feedback.
export const duties = (from: string, to: string, kind: DutyKind | null = null) =>
  call<Duty[]>('year_duties', { from, to, kind })
export const dutyForm = (id: number) => call<DutyInput>('year_duty_form', { id })
export const createDuty = (input: DutyInput) => call<Duty>('year_duty_create', { input })
export const updateDuty = (id: number, input: DutyInput) => call<Duty>('year_duty_update', { id, input })
export const consultations = (from: string, to: string) => call<Consultation[]>('year_consultations', { from, to })
export const items = (source: ItemSource) => call<ConsultationItem[]>('year_items', { source })
/** Pasted text split into items (the core's rule: by paragraph, or by numbering), numbers dropped. */
export const splitItems = (text: string) => call<string[]>('year_items_split', { text })
export const addItems = (source: ItemSource, items: ItemInput[]) =>
  call<ConsultationItem[]>('year_items_add', { source, items })
export const updateItem = (id: number, input: ItemInput) => call<ConsultationItem>('year_item_update', { id, input })
export const itemFeedback = (id: number, feedback: ItemFeedback) =>
  call<ConsultationItem>('year_item_feedback', { id, feedback })
export const pointRules = () => call<PointRulesSettings>('point_rules')
export const savePointRules = (settings: PointRulesSettings) => call<PointRulesSettings>('point_rules_save', { settings })
