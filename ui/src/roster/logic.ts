// Pure helpers of the roster pages: labels, filters, the import wizard's bookkeeping.
import type { Role } from '@/bindings/Role'
import type { MembershipKind } from '@/bindings/MembershipKind'
import type { Member } from '@/bindings/Member'
import type { MemberInput } from '@/bindings/MemberInput'
import type { ImportField } from '@/bindings/ImportField'
import type { ColumnMapping } from '@/bindings/ColumnMapping'
import type { ImportProblem } from '@/bindings/ImportProblem'
import type { ImportRow } from '@/bindings/ImportRow'
import type { FieldChange } from '@/bindings/FieldChange'

import { ROLES } from '@/bindings/labels'
export { ROLES }
export const roleLabel = (r: Role) => ROLES.find((x) => x.value === r)?.label ?? r

/** Events a user records on the member page (joining is recorded by adding the member). */
export const EVENT_KINDS: { value: MembershipKind; label: string }[] = [
  { value: 'resigned', label: '辞去委员职务' },
  { value: 'standing_resigned', label: '辞去常委职务' },
  { value: 'ordered_to_resign', label: '责令辞去委员职务' },
  { value: 'revoked', label: '撤销委员资格' },
  { value: 'died', label: '逝世' },
  { value: 'role_changed', label: '职务变动' },
  { value: 'suspended', label: '暂停委员职务' },
]
export const eventLabel = (k: MembershipKind) =>
  k === 'joined' ? '任委员' : (EVENT_KINDS.find((x) => x.value === k)?.label ?? k)

export const FIELDS: { value: ImportField; label: string }[] = [
  { value: 'member_no', label: '委员编号' },
  { value: 'name', label: '姓名' },
  { value: 'gender', label: '性别' },
  { value: 'ethnicity', label: '民族' },
  { value: 'birth_month', label: '出生年月' },
  { value: 'party', label: '党派' },
  { value: 'sector', label: '界别' },
  { value: 'group', label: '小组' },
  { value: 'role', label: '政协职务' },
  { value: 'workplace', label: '工作单位（及职务）' },
  { value: 'post', label: '单位职务' },
  { value: 'phone', label: '联系电话' },
  { value: 'seat', label: '座位号' },
  { value: 'notes', label: '备注' },
  { value: 'joined_on', label: '任职日期' },
]

/** 'YYYY-MM' → '1968.10', as rosters print it. */
export function birthText(b: string | null): string {
  return b ? b.replace('-', '.') : ''
}

/** «2017-01-10» → «2017年1月10日», the way dates are written to a clerk; other text unchanged. */
export function dateText(d: string | null): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d ?? '')
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : (d ?? '')
}

/** 在任 / 已离任（辞去委员职务，2020-04-16） as of `date`. */
export function statusText(m: Member, date: string): string {
  if (m.joined_on > date) return '尚未任职'
  if (m.left_on && m.left_on <= date) {
    return `已离任（${m.left_reason ? eventLabel(m.left_reason) : '离任'}，${dateText(m.left_on)}）`
  }
  return '在任'
}

/** Sets `field` on the column at `index` and clears it from any other column (one column per field). */
export function assignField(columns: ColumnMapping[], index: number, field: ImportField | null): ColumnMapping[] {
  return columns.map((c) => {
    if (c.index === index) return { ...c, field }
    if (field !== null && c.field === field) return { ...c, field: null }
    return c
  })
}

/** Problems of the whole file first, then by row; errors before warnings within a row. */
export function sortProblems(ps: ImportProblem[]): ImportProblem[] {
  return [...ps].sort((a, b) => a.row - b.row || (a.level === b.level ? 0 : a.level === 'error' ? -1 : 1))
}

export function problemText(p: ImportProblem): string {
  const where = p.row === 0 ? '整个文件' : `第${p.row}行`
  return p.column ? `${where} ${p.column}：${p.reason}` : `${where}：${p.reason}`
}

/** «职务：委员 → 常委»; an empty side reads «（空）». */
export function changeText(c: FieldChange): string {
  return `${c.label}：${c.old || '（空）'} → ${c.new || '（空）'}`
}

/** How a preview row is marked: bad (not imported), to look at (warnings), or plain. */
export function rowMark(r: ImportRow): 'error' | 'warning' | '' {
  if (r.action === 'invalid') return 'error'
  return r.problems.some((p) => p.level === 'warning') ? 'warning' : ''
}

/** With `onlyFlagged`, only the rows worth a look (bad, with warnings, updates); else all, in file order. */
export function rowsToShow(rows: ImportRow[], onlyFlagged: boolean): ImportRow[] {
  if (!onlyFlagged) return rows
  return rows.filter((r) => rowMark(r) !== '' || r.action === 'update')
}

/** A Member back into the form's input. */
export function toInput(m: Member): MemberInput {
  return {
    member_no: m.member_no,
    name: m.name,
    gender: m.gender,
    ethnicity: m.ethnicity,
    birth_month: m.birth_month,
    party: m.party,
    sector: m.sector,
    group: m.group,
    role: m.role,
    workplace: m.workplace,
    post: m.post,
    phone: m.phone,
    seat: m.seat,
    notes: m.notes,
    roster_order: m.roster_order,
    joined_on: m.joined_on,
  }
}

export function emptyInput(joinedOn: string): MemberInput {
  return {
    member_no: null, name: '', gender: '', ethnicity: '汉族', birth_month: null, party: '', sector: null, group: null,
    role: 'member', workplace: '', post: '', phone: '', seat: '', notes: '', roster_order: null, joined_on: joinedOn,
  }
}

export function today(): string {
  const d = new Date()
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`
}

/** Reads a File picked or dropped in the window into the byte array the import command takes. */
/** The core's roster::import::limits::MAX_FILE_BYTES: a file past it is refused before it is read. */
export const MAX_IMPORT_BYTES = 32 * 1024 * 1024

/** Why a chosen file is not read at all (too big), in the core's words; null if it may be read. */
export function tooBigToImport(name: string, size: number): string | null {
  if (size <= MAX_IMPORT_BYTES) return null
  const mb = (n: number) => `${n / 1048576 >= 10 ? Math.round(n / 1048576) : (n / 1048576).toFixed(1)} MB`
  return `文件“${name}”有 ${mb(size)}，超过了导入名册的上限 ${mb(MAX_IMPORT_BYTES)}（名册一般只有几 MB）。请确认选对了文件；如名册确实这么大，请分成几个文件导入，未导入任何委员。`
}

export async function fileBytes(f: Blob): Promise<number[]> {
  return Array.from(new Uint8Array(await f.arrayBuffer()))
}
