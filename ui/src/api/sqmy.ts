// Typed wrappers of the 社情民意 commands (src-tauri/src/commands/sqmy.rs).
import { call } from './ipc'
import type { ExportOutcome } from '@/bindings/ExportOutcome'
import type { Format } from '@/bindings/Format'
import type { SqmyIssue } from '@/bindings/SqmyIssue'
import type { SqmyIssueInput } from '@/bindings/SqmyIssueInput'
import type { SqmyItem } from '@/bindings/SqmyItem'
import type { SqmyItemInput } from '@/bindings/SqmyItemInput'
import type { SqmyOutcomeInput } from '@/bindings/SqmyOutcomeInput'
import type { SqmyStats } from '@/bindings/SqmyStats'

export const sqmyItems = (year: number | null) => call<SqmyItem[]>('sqmy_items', { year })
export const sqmyYears = () => call<number[]>('sqmy_years')
export const sqmyIssues = (year: number | null) => call<SqmyIssue[]>('sqmy_issues', { year })
export const sqmyStats = (year: number) => call<SqmyStats>('sqmy_stats', { year })
export const addSqmyItem = (input: SqmyItemInput) => call<SqmyItem>('sqmy_add', { input })
export const withdrawSqmyItem = (id: number, reason: string) => call<void>('sqmy_withdraw', { id, reason })
export const createSqmyIssue = (input: SqmyIssueInput) => call<SqmyIssue>('sqmy_issue_create', { input })
export const sendSqmyIssue = (id: number, sentOn: string, sentTo: string, cc: string | null) =>
  call<SqmyIssue>('sqmy_issue_send', { id, sentOn, sentTo, cc })
export const recordSqmyOutcome = (itemId: number, input: SqmyOutcomeInput) =>
  call<SqmyItem>('sqmy_outcome', { itemId, input })
export const exportSqmyIssue = (id: number, format: Format, path: string | null = null) =>
  call<ExportOutcome>('sqmy_issue_export', { id, format, path })
