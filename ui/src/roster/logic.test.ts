import { describe, expect, it } from 'vitest'
import { MAX_IMPORT_BYTES, tooBigToImport, assignField, birthText, changeText, dateText, eventLabel, problemText, roleLabel, rowMark, rowsToShow, sortProblems, statusText, toInput } from './logic'
import type { ImportRow } from '@/bindings/ImportRow'
import type { Member } from '@/bindings/Member'
import type { ColumnMapping } from '@/bindings/ColumnMapping'

const member = (over: Partial<Member> = {}): Member => ({
  id: 1, member_no: 'A1', name: '张伟', gender: '男', ethnicity: '汉族', birth_month: '1968-10', party: '中共',
  sector: '中共', group: '第一组', role: 'standing', workplace: '', post: '', phone: '', seat: '1排1号', notes: '',
  roster_order: 1, joined_on: '2017-01-10', left_on: null, left_reason: null, name_pinyin: 'zhangwei',
  name_initials: 'zw', distinct_confirmed: false, ...over,
})

describe('labels', () => {
  it('names roles and events in Chinese', () => {
    expect(roleLabel('vice_chair')).toBe('副主席')
    expect(eventLabel('standing_resigned')).toBe('辞去常委职务')
    expect(eventLabel('joined')).toBe('任委员')
  })
  it('prints birth months as rosters do', () => {
    expect(birthText('1968-10')).toBe('1968.10')
    expect(birthText(null)).toBe('')
  })
  it('tells the status on a date', () => {
    const left = member({ left_on: '2020-04-16', left_reason: 'resigned' })
    expect(statusText(left, '2020-04-15')).toBe('在任')
    expect(statusText(left, '2020-04-16')).toBe('已离任（辞去委员职务，2020年4月16日）')
    expect(statusText(member(), '2016-12-31')).toBe('尚未任职')
    expect(dateText('2017-01-10')).toBe('2017年1月10日')
  })
})

describe('import wizard', () => {
  const cols: ColumnMapping[] = [
    { index: 0, letter: 'A', heading: '名单', field: null },
    { index: 1, letter: 'B', heading: '姓名', field: 'name' },
  ]
  it('keeps one column per field', () => {
    const next = assignField(cols, 0, 'name')
    expect(next.map((c) => c.field)).toEqual(['name', null])
    expect(assignField(cols, 1, null).map((c) => c.field)).toEqual([null, null])
  })
  it('orders problems by row with errors first', () => {
    const ps = sortProblems([
      { row: 5, column: '', reason: 'w', level: 'warning' },
      { row: 5, column: '性别（C列）', reason: 'e', level: 'error' },
      { row: 0, column: '', reason: 'f', level: 'warning' },
    ])
    expect(ps.map((p) => p.reason)).toEqual(['f', 'e', 'w'])
    expect(problemText(ps[1])).toBe('第5行 性别（C列）：e')
    expect(problemText(ps[0])).toBe('整个文件：f')
  })
  it('turns a member back into the form input', () => {
    const i = toInput(member())
    expect(i.name).toBe('张伟')
    expect(i.role).toBe('standing')
    expect('id' in i).toBe(false)
  })
})

describe('import preview rows', () => {
  const row = (over: Partial<ImportRow>): ImportRow => ({
    row: 2, action: 'create', member: toInput(member()), existing_id: null, likely_duplicate_of: null, problems: [],
    changes: [], ...over,
  })
  const warn = { row: 3, column: '联系电话（F列）', reason: '位数不对', level: 'warning' as const }
  it('reads a change as old → new, an empty side as （空）', () => {
    expect(changeText({ field: 'role', label: '职务', old: '委员', new: '常委' })).toBe('职务：委员 → 常委')
    expect(changeText({ field: 'seat', label: '座位号', old: '', new: '1排2号' })).toBe('座位号：（空） → 1排2号')
  })
  it('marks bad rows and rows with warnings', () => {
    expect(rowMark(row({ action: 'invalid' }))).toBe('error')
    expect(rowMark(row({ problems: [warn] }))).toBe('warning')
    expect(rowMark(row({}))).toBe('')
  })
  it('can show only the rows worth a look', () => {
    const rows = [row({ row: 2 }), row({ row: 3, problems: [warn] }), row({ row: 4, action: 'update' }), row({ row: 5, action: 'invalid' })]
    expect(rowsToShow(rows, true).map((r) => r.row)).toEqual([3, 4, 5])
    expect(rowsToShow(rows, false)).toHaveLength(4)
  })
})

describe('import file size', () => {
  it('refuses a file past the limit before reading it, naming the limit', () => {
    expect(tooBigToImport('名册.xlsx', 200 * 1024)).toBeNull()
    expect(tooBigToImport('名册.xlsx', MAX_IMPORT_BYTES)).toBeNull()
    expect(tooBigToImport('录像.mp4', 60 * 1048576)).toContain('有 60 MB，超过了导入名册的上限 32 MB')
  })
})
