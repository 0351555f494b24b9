// Pure helpers of the roster pages: labels, filters, the import wizard's bookkeeping.
import type { Role } from '@/bindings/Role'
import type { MembershipKind } from '@/bindings/MembershipKind'
import type { Member } from '@/bindings/Member'
import type { MemberInput } from '@/bindings/MemberInput'
import type { ImportField } from '@/bindings/ImportField'
import type { ColumnMapping } from '@/bindings/ColumnMapping'
import type { ImportProblem } from '@/bindings/ImportProblem'

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

/** 在任 / 已离任（辞去委员职务，2020-04-16） as of `date`. */
export function statusText(m: Member, date: string): string {
  if (m.joined_on > date) return '尚未任职'
  if (m.left_on && m.left_on <= date) {
    return `已离任（${m.left_reason ? eventLabel(m.left_reason) : '离任'}，${m.left_on}）`
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
export async function fileBytes(f: Blob): Promise<number[]> {
  return Array.from(new Uint8Array(await f.arrayBuffer()))
}
