// Pure helpers of the 文件 pages (hub, minutes editor, font settings), tested with vitest.
import type { AttendanceNames } from '@/bindings/AttendanceNames'
import type { DocWarning } from '@/bindings/DocWarning'
import type { Format } from '@/bindings/Format'
import type { MinutesEntry } from '@/bindings/MinutesEntry'
import type { MinutesInput } from '@/bindings/MinutesInput'
import type { MinutesTarget } from '@/bindings/MinutesTarget'

/** An SVG page as an <img> source (data: URL, allowed by the app's CSP, works offline). */
export function svgDataUrl(svg: string): string {
  const bytes = new TextEncoder().encode(svg)
  let bin = ''
  for (let i = 0; i < bytes.length; i += 0x8000) {
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  }
  return `data:image/svg+xml;base64,${btoa(bin)}`
}

/** What minutes are of: exactly one of a sitting or a whole meeting. */
export type MinutesOf = { sittingId: number; meetingId: null } | { sittingId: null; meetingId: number }

/** The editor's route for the minutes of a sitting or a meeting. */
export function editorRoute(of: MinutesOf): { path: string; query: Record<string, string> } {
  return of.sittingId != null
    ? { path: '/documents/minutes', query: { sitting: String(of.sittingId) } }
    : { path: '/documents/minutes', query: { meeting: String(of.meetingId) } }
}

function positiveInt(v: unknown): number | null {
  const s = Array.isArray(v) ? v[0] : v
  if (typeof s !== 'string' || !/^\d+$/.test(s)) return null
  const n = Number(s)
  return n > 0 ? n : null
}

/** The editor's target read back from its route query; null unless exactly one is given. */
export function minutesOfQuery(query: Record<string, unknown>): MinutesOf | null {
  const s = positiveInt(query.sitting)
  const m = positiveInt(query.meeting)
  if (s != null && m == null) return { sittingId: s, meetingId: null }
  if (m != null && s == null) return { sittingId: null, meetingId: m }
  return null
}

/** A saved minutes' target. */
export function entryOf(e: Pick<MinutesEntry, 'sitting_id' | 'meeting_id' | 'of_meeting_id'>): MinutesOf {
  return e.sitting_id != null ? { sittingId: e.sitting_id, meetingId: null } : { sittingId: null, meetingId: e.meeting_id ?? e.of_meeting_id }
}

/** «第3期», or «不印期号». */
export function issueLabel(n: number | null): string {
  return n != null ? `第${n}期` : '不印期号'
}

/** What saved minutes are of, in words: «会议 · 场次（日期 半天）» or «会议（整个会议）». */
export function entryTarget(e: MinutesEntry): string {
  return e.sitting_title != null
    ? `${e.meeting_title} · ${e.sitting_title}${e.sitting_when ? `（${e.sitting_when}）` : ''}`
    : `${e.meeting_title}（整个会议）`
}

/** The saved minutes whose mark, meeting, sitting, date or issue contain every word of `q`. */
export function filterEntries(list: MinutesEntry[], q: string): MinutesEntry[] {
  const words = q.trim().split(/\s+/).filter((w) => w.length > 0)
  if (!words.length) return list
  return list.filter((e) => {
    const hay = [e.mark, issueLabel(e.issue_number), e.meeting_title, e.meeting_kind, e.sitting_title ?? '', e.date].join(' ')
    return words.every((w) => hay.includes(w))
  })
}

/** An RFC 3339 timestamp as local «YYYY-MM-DD HH:MM». */
export function shortTime(at: string): string {
  const d = new Date(at)
  if (Number.isNaN(d.getTime())) return at
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`
}

/** The meetings of the «新建纪要» chooser, grouped by year (newest first, as the core gives them). */
export function meetingGroups(targets: MinutesTarget[]): { label: string; options: { value: number; label: string; kind: string }[] }[] {
  const groups: { label: string; options: { value: number; label: string; kind: string }[] }[] = []
  for (const t of targets) {
    const year = `${t.start_date.slice(0, 4)}年`
    let g = groups.find((x) => x.label === year)
    if (!g) groups.push((g = { label: year, options: [] }))
    g.options.push({ value: t.meeting_id, label: `${t.start_date} ${t.meeting_title}`, kind: t.meeting_kind })
  }
  return groups
}

/** What of a meeting minutes can be written for: the whole meeting, then each sitting. */
export function partOptions(t: MinutesTarget): { value: string; label: string; has: boolean }[] {
  return [
    { value: `m:${t.meeting_id}`, label: '整个会议', has: t.has_minutes },
    ...t.sittings.map((s) => ({ value: `s:${s.id}`, label: `${s.date} ${s.half_day} ${s.title}`, has: s.has_minutes })),
  ]
}

/** The part chosen by default: the only sitting of a one-sitting meeting, else the whole meeting. */
export function defaultPart(t: MinutesTarget): string {
  return t.sittings.length === 1 ? `s:${t.sittings[0].id}` : `m:${t.meeting_id}`
}

/** «s:12» / «m:3» back to a target. */
export function parsePart(v: string): MinutesOf | null {
  const m = /^([sm]):(\d+)$/.exec(v)
  if (!m) return null
  const id = Number(m[2])
  return m[1] === 's' ? { sittingId: id, meetingId: null } : { sittingId: null, meetingId: id }
}

/** The label of the editor's target, from the chooser's list. */
export function targetLabel(targets: MinutesTarget[], of: MinutesOf): string {
  for (const t of targets) {
    if (of.meetingId === t.meeting_id) return `${t.meeting_title}（整个会议）`
    const s = t.sittings.find((x) => x.id === of.sittingId)
    if (s) return `${t.meeting_title} · ${s.title}（${s.date} ${s.half_day}）`
  }
  return of.sittingId != null ? `场次 ${of.sittingId}` : `会议 ${of.meetingId}`
}

/** Whether the edited minutes differ from a snapshot taken at load or save. */
export function snapshot(input: MinutesInput | null): string {
  return input ? JSON.stringify([input.mark, input.issue_number, input.office, input.date, input.body, input.attendance_order]) : ''
}

/** One line on the characters no font has, for the editor and the export confirmation. */
export function warningSummary(ws: DocWarning[]): string {
  if (!ws.length) return ''
  const chars = [...new Set(ws.map((w) => `“${w.character}”（${w.codepoint}）`))]
  return `${ws.length} 处字符在所有字体中都没有，导出后会印成空框：${chars.join('、')}`
}

/** «出席 7 人，请假 1 人，列席 2 人». */
export function attendanceSummary(a: AttendanceNames): string {
  return `出席 ${a.present.length} 人，请假 ${a.on_leave.length} 人，列席 ${a.invitees.length} 人`
}

/** The folder of a path written by the core (either separator). */
export function folderOf(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'))
  return i > 0 ? path.slice(0, i) : path
}

/** The file name of a path. */
export function fileNameOf(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'))
  return path.slice(i + 1)
}

/**
 * What is wrong with a 另存为 location, or null: empty is fine (the export folder), a folder
 * (no extension) gets the usual file name, a file must end with the chosen format's extension.
 */
export function savePathProblem(path: string, format: Format): string | null {
  const p = path.trim()
  if (!p) return null
  const name = fileNameOf(p)
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase()
  if (!ext) return null
  if (ext !== format) return `文件名应以 .${format} 结尾（当前为 .${ext}）`
  return null
}

/** Calls `fn` once, `ms` after the last of a burst of calls. */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): ((...args: A) => void) & { cancel: () => void } {
  let timer: ReturnType<typeof setTimeout> | null = null
  const d = (...args: A) => {
    if (timer) clearTimeout(timer)
    timer = setTimeout(() => {
      timer = null
      fn(...args)
    }, ms)
  }
  d.cancel = () => {
    if (timer) clearTimeout(timer)
    timer = null
  }
  return d
}

/**
 * Inserts a phrase («会议认为，») at the textarea's selection, as a paragraph of its own when the
 * cursor is not at the start of a line; returns the new body and where the cursor goes.
 */
export function insertPhrase(body: string, start: number, end: number, phrase: string): { body: string; cursor: number } {
  const s = Math.max(0, Math.min(start, body.length))
  const e = Math.max(s, Math.min(end, body.length))
  const before = body.slice(0, s)
  const text = before === '' || before.endsWith('\n') ? phrase : `\n${phrase}`
  return { body: before + text + body.slice(e), cursor: s + text.length }
}

/** What each font role prints in the official-document format. */
export const ROLE_USE: Record<string, string> = {
  fangsong: '正文、“1.”“（1）”标题、名单、版记',
  heiti: '一级标题“一、”，“出席：”等标签',
  kaiti: '二级标题“（一）”',
  xiaobiaosong: '纪要标志、文件标题',
  songti: '页码',
}

/** The source of a role's font in words, or '' for the bundled fonts (their name says so). */
export function fontSourceLabel(source: string): string {
  return ({ user: '指定文件', system: '本机字体' } as Record<string, string>)[source] ?? ''
}

/** Whether the settings page should say no installed official-document font was found. */
export function noSystemFonts(useSystem: boolean, roles: { source: string }[]): boolean {
  return useSystem && roles.length > 0 && roles.every((r) => r.source !== 'system')
}

/** The name the «另存为» save dialog proposes, as the core names an export: 文号、期号-日期.pdf,
 *  with the characters file systems refuse made «_». */
export function minutesFileName(input: Pick<MinutesInput, 'mark' | 'issue_number' | 'date'>, format: Format): string {
  const issue = input.issue_number ? `第${input.issue_number}期` : ''
  const safe = `${input.mark.trim()}${issue}-${input.date.trim()}`.replace(/[/\\:*?"<>|]/g, '_')
  return `${safe}.${format}`
}
