// Native open and save dialogs (tauri-plugin-dialog: GTK on Linux, the system's own on Windows).
// Each kind of file remembers the folder it was last chosen in, so the next dialog of that kind
// opens there; the save dialog also proposes a file name and asks itself before a file is
// replaced, so the path it returns is the user's confirmed choice.
import { open, save } from '@tauri-apps/plugin-dialog'

/** What the file is for: each kind has its own title and its own remembered folder. */
export type DialogKind =
  | 'roster'
  | 'font'
  | 'backup'
  | 'minutes'
  | 'roster-export'
  | 'attendance-export'
  | 'opinions-export'
  | 'signin'
  | 'committee'
  | 'committee-new'
  | 'station-package'
  | 'station-back'
  | 'station-handback'
  | 'station-open'
  | 'proposals-register'
  | 'proposals-letter'

export interface FileFilter {
  name: string
  extensions: string[]
}

export const TITLES: Record<DialogKind, string> = {
  roster: '选择名册文件',
  'proposals-register': '选择提案登记表',
  'proposals-letter': '交办函保存到…',
  font: '选择字体文件',
  backup: '备份到…',
  minutes: '导出到…',
  'roster-export': '导出到…',
  'attendance-export': '导出考勤到…',
  'opinions-export': '导出意见清单到…',
  'signin': '签到表保存到…',
  committee: '打开委员会文件',
  'committee-new': '新建委员会文件',
  'station-package': '保存分站数据包',
  'station-back': '选择分站交回文件',
  'station-handback': '保存分站交回文件',
  'station-open': '打开分站数据包',
}

export const FILTERS = {
  roster: [{ name: 'Excel 或 CSV 文件', extensions: ['xlsx', 'xls', 'csv', 'txt'] }],
  font: [{ name: '字体文件', extensions: ['ttf', 'otf', 'ttc'] }],
  backup: [{ name: '会务数据库', extensions: ['db'] }],
  committee: [{ name: '委员会文件', extensions: ['db'] }],
  pdf: [{ name: 'PDF 文件', extensions: ['pdf'] }],
  docx: [{ name: 'Word 文档', extensions: ['docx'] }],
  xlsx: [{ name: 'Excel 文件', extensions: ['xlsx'] }],
  document: [
    { name: 'PDF 文件', extensions: ['pdf'] },
    { name: 'Word 文档', extensions: ['docx'] },
  ],
  opinionList: [
    { name: 'PDF 文件', extensions: ['pdf'] },
    { name: 'Word 文档', extensions: ['docx'] },
    { name: 'Excel 文件', extensions: ['xlsx'] },
  ],
  stationPackage: [{ name: '分站数据包', extensions: ['huiwu-station'] }],
  stationBack: [{ name: '分站交回文件', extensions: ['huiwu-back'] }],
} satisfies Record<string, FileFilter[]>

/** Where the remembered folders are kept: localStorage in the window, a stand-in in tests. */
export interface FolderStore {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
}

const KEY = 'huiwu.dialogs.folders'

function folders(store: FolderStore): Partial<Record<DialogKind, string>> {
  try {
    const v: unknown = JSON.parse(store.getItem(KEY) ?? '{}')
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Partial<Record<DialogKind, string>>) : {}
  } catch {
    return {}
  }
}

/** The format a chosen file is written in: its extension when it is one of `allowed`, else
 * `fallback` (a name typed without an extension, or with one we do not write). */
export function formatOfPath<F extends string>(path: string, allowed: readonly F[], fallback: F): F {
  const dot = path.lastIndexOf('.')
  const sep = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'))
  if (dot <= sep + 1) return fallback
  const ext = path.slice(dot + 1).toLowerCase()
  return (allowed as readonly string[]).includes(ext) ? (ext as F) : fallback
}

/** `path` with the extension of `format`, unless it already ends with it (a name typed without
 * one in the save dialog). */
export function withExtension(path: string, format: string): string {
  return path.toLowerCase().endsWith(`.${format}`) ? path : `${path}.${format}`
}

/** A file name proposed from a title: characters Windows or Linux refuse in names become «_»
 * (the same rule as the exports' own names). */
export function fileName(title: string): string {
  return [...title].map((c) => ('/\\:*?"<>|'.includes(c) || c.charCodeAt(0) < 32 ? '_' : c)).join('')
}

/** The folder holding `path` (either separator), or null for a bare name. */
export function folderOf(path: string): string | null {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'))
  if (i < 0) return null
  if (i === 0) return path[0]
  // «C:\名册.xlsx»: the folder is the drive's root, with its separator.
  if (i === 2 && path[1] === ':') return path.slice(0, 3)
  return path.slice(0, i)
}

/** The folder last used for this kind of file, if any. */
export function lastFolder(kind: DialogKind, store: FolderStore): string | null {
  const f = folders(store)[kind]
  return typeof f === 'string' && f !== '' ? f : null
}

/** Remembers the folder of a path just chosen, for the next dialog of the same kind. */
export function rememberFolder(kind: DialogKind, chosen: string, store: FolderStore): void {
  const dir = folderOf(chosen)
  if (!dir) return
  try {
    store.setItem(KEY, JSON.stringify({ ...folders(store), [kind]: dir }))
  } catch {
    // A full or refused storage only costs the remembered folder.
  }
}

/** What the dialog opens on: the remembered folder, with the proposed file name in it if any. */
export function defaultPath(folder: string | null, name?: string): string | undefined {
  if (!folder) return name || undefined
  if (!name) return folder
  const sep = folder.includes('\\') && !folder.includes('/') ? '\\' : '/'
  return folder.endsWith(sep) ? folder + name : folder + sep + name
}

function storage(): FolderStore | null {
  try {
    return window.localStorage
  } catch {
    return null
  }
}

const noStore: FolderStore = { getItem: () => null, setItem: () => {} }

/** Asks for one file to open; null when the user cancels. */
export async function pickFile(kind: DialogKind, filters: FileFilter[] = []): Promise<string | null> {
  const store = storage() ?? noStore
  const chosen = await open({ title: TITLES[kind], defaultPath: defaultPath(lastFolder(kind, store)), filters, multiple: false, directory: false })
  if (typeof chosen !== 'string') return null
  rememberFolder(kind, chosen, store)
  return chosen
}

/** Asks where to save, proposing `defaultName` in the last folder of this kind; null when cancelled. */
export async function pickSaveFile(kind: DialogKind, defaultName: string, filters: FileFilter[] = []): Promise<string | null> {
  const store = storage() ?? noStore
  const chosen = await save({ title: TITLES[kind], defaultPath: defaultPath(lastFolder(kind, store), defaultName), filters })
  if (typeof chosen !== 'string' || chosen === '') return null
  rememberFolder(kind, chosen, store)
  return chosen
}
