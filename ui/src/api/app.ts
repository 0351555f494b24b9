import { call } from './ipc'
import type { Status } from '@/bindings/Status'
import type { Committee } from '@/bindings/Committee'
import type { CommitteeSuggestion } from '@/bindings/CommitteeSuggestion'

export const appStatus = () => call<Status>('app_status')
export const setOperator = (name: string) => call<Status>('set_operator', { name })
export const createCommittee = (committee: Committee) => call<Status>('create_committee', { committee })
export const updateCommittee = (committee: Committee) => call<Status>('update_committee', { committee })
export const committeeSuggest = (name: string) => call<CommitteeSuggestion>('committee_suggest', { name })
export const loadDemo = () => call<Status>('load_demo')

import type { AuditRecord } from '@/bindings/AuditRecord'
import type { AuditFilter } from '@/bindings/AuditFilter'
export const auditList = (filter: AuditFilter) => call<AuditRecord[]>('audit_list', { filter })
export const backupNow = (path: string | null = null) => call<string>('backup_now', { path })

import type { IntegrityReport } from '@/bindings/IntegrityReport'
/** The latest whole-file check made in the background (null until the first has run). */
export const integrityStatus = () => call<IntegrityReport | null>('integrity_status')

import type { Snapshot } from '@/bindings/Snapshot'
/** The automatic snapshots of the open file (自动备份), newest first. */
export const snapshotsList = () => call<Snapshot[]>('snapshots_list')
/** Restores the open file from a snapshot named by its file name; returns the 恢复前 copy. */
export const snapshotsRestore = (fileName: string) => call<Snapshot | null>('snapshots_restore', { fileName })

import type { RecentFile } from '@/bindings/RecentFile'
/** 打开其他委员会文件: the window switches to that file (a refused file leaves the open one open). */
export const filesOpen = (path: string) => call<Status>('files_open', { path })
/** 新建委员会文件: an empty committee file at `path`, opened in the window. */
export const filesNew = (path: string) => call<Status>('files_new', { path })
/** The committee files opened lately, newest first. */
export const filesRecent = () => call<RecentFile[]>('files_recent')
/** Drops a file from the recent list; returns the list. */
export const filesForget = (path: string) => call<RecentFile[]>('files_forget', { path })
/** Sets the window's title to the open file and returns it. */
export const appTitle = () => call<string>('app_title')
