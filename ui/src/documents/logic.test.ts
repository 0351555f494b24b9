import { afterEach, describe, expect, it, vi } from 'vitest'
import type { MinutesEntry } from '@/bindings/MinutesEntry'
import type { MinutesInput } from '@/bindings/MinutesInput'
import type { MinutesTarget } from '@/bindings/MinutesTarget'
import {
  attendanceSummary,
  debounce,
  defaultPart,
  editorRoute,
  entryOf,
  entryTarget,
  fileNameOf,
  filterEntries,
  folderOf,
  fontSourceLabel,
  insertPhrase,
  issueLabel,
  meetingGroups,
  minutesFileName,
  minutesOfQuery,
  noSystemFonts,
  parsePart,
  partOptions,
  savePathProblem,
  snapshot,
  svgDataUrl,
  targetLabel,
  warningSummary,
} from './logic'

describe('svgDataUrl', () => {
  it('encodes Chinese and non-BMP text as UTF-8 base64', () => {
    const url = svgDataUrl('<svg>周𠮷祥</svg>')
    expect(url.startsWith('data:image/svg+xml;base64,')).toBe(true)
    const bin = atob(url.split(',')[1])
    const text = new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)))
    expect(text).toBe('<svg>周𠮷祥</svg>')
  })
})

const entry = (over: Partial<MinutesEntry> = {}): MinutesEntry => ({
  id: 1,
  sitting_id: 72,
  meeting_id: null,
  mark: '安宁市政协主席会议纪要',
  issue_number: 1,
  date: '2020-01-02',
  of_meeting_id: 4,
  meeting_title: '政协安宁市第六届委员会第四十一次主席会议',
  meeting_kind: '主席会议',
  sitting_title: '全体会议',
  sitting_when: '2020-01-02 下午',
  paragraphs: 7,
  updated_at: '2021-01-05T08:30:00+08:00',
  ...over,
})

describe('editor routes', () => {
  it('goes to the editor of a sitting or a meeting and reads it back', () => {
    const s = editorRoute({ sittingId: 72, meetingId: null })
    expect(s).toEqual({ path: '/documents/minutes', query: { sitting: '72' } })
    expect(minutesOfQuery(s.query)).toEqual({ sittingId: 72, meetingId: null })
    const m = editorRoute({ sittingId: null, meetingId: 4 })
    expect(minutesOfQuery(m.query)).toEqual({ sittingId: null, meetingId: 4 })
  })
  it('refuses both, neither, or something that is not an id', () => {
    expect(minutesOfQuery({ sitting: '1', meeting: '2' })).toBeNull()
    expect(minutesOfQuery({})).toBeNull()
    expect(minutesOfQuery({ sitting: 'abc' })).toBeNull()
    expect(minutesOfQuery({ sitting: '0' })).toBeNull()
    expect(minutesOfQuery({ meeting: ['5'] })).toEqual({ sittingId: null, meetingId: 5 })
  })
  it("opens saved minutes at their sitting, or their whole meeting", () => {
    expect(entryOf(entry())).toEqual({ sittingId: 72, meetingId: null })
    expect(entryOf(entry({ sitting_id: null, meeting_id: 4 }))).toEqual({ sittingId: null, meetingId: 4 })
  })
})

describe('the minutes list', () => {
  it('says what minutes are of and their issue', () => {
    expect(entryTarget(entry())).toBe('政协安宁市第六届委员会第四十一次主席会议 · 全体会议（2020-01-02 下午）')
    expect(entryTarget(entry({ sitting_id: null, meeting_id: 4, sitting_title: null, sitting_when: null }))).toBe(
      '政协安宁市第六届委员会第四十一次主席会议（整个会议）',
    )
    expect(issueLabel(3)).toBe('第3期')
    expect(issueLabel(null)).toBe('不印期号')
  })
  it('finds by every word given, in mark, issue, meeting, sitting or date', () => {
    const list = [entry(), entry({ id: 2, mark: '安宁市政协常务委员会会议纪要', meeting_title: '常务委员会第十九次会议', meeting_kind: '常委会会议', date: '2020-01-03', issue_number: 2 })]
    expect(filterEntries(list, '').map((e) => e.id)).toEqual([1, 2])
    expect(filterEntries(list, '常务').map((e) => e.id)).toEqual([2])
    expect(filterEntries(list, '主席 2020-01-02').map((e) => e.id)).toEqual([1])
    expect(filterEntries(list, '第2期').map((e) => e.id)).toEqual([2])
    expect(filterEntries(list, '主席 第2期')).toEqual([])
  })
})

const targets: MinutesTarget[] = [
  {
    meeting_id: 9, meeting_title: '第五次会议', meeting_kind: '全体会议', start_date: '2021-01-18', has_minutes: false,
    sittings: [
      { id: 90, title: '预备会议', date: '2021-01-18', half_day: '下午', has_minutes: false },
      { id: 91, title: '开幕会', date: '2021-01-19', half_day: '上午', has_minutes: true },
    ],
  },
  {
    meeting_id: 4, meeting_title: '第四十一次主席会议', meeting_kind: '主席会议', start_date: '2020-01-02', has_minutes: false,
    sittings: [{ id: 72, title: '全体会议', date: '2020-01-02', half_day: '下午', has_minutes: true }],
  },
]

describe('the new-minutes chooser', () => {
  it('groups meetings by year, keeping the order given', () => {
    const g = meetingGroups(targets)
    expect(g.map((x) => x.label)).toEqual(['2021年', '2020年'])
    expect(g[0].options).toEqual([{ value: 9, label: '2021-01-18 第五次会议', kind: '全体会议' }])
  })
  it('offers the whole meeting then each sitting, marking what has minutes', () => {
    expect(partOptions(targets[0])).toEqual([
      { value: 'm:9', label: '整个会议', has: false },
      { value: 's:90', label: '2021-01-18 下午 预备会议', has: false },
      { value: 's:91', label: '2021-01-19 上午 开幕会', has: true },
    ])
  })
  it('chooses the only sitting of a one-sitting meeting, else the whole meeting', () => {
    expect(defaultPart(targets[1])).toBe('s:72')
    expect(defaultPart(targets[0])).toBe('m:9')
    expect(parsePart('s:72')).toEqual({ sittingId: 72, meetingId: null })
    expect(parsePart('m:9')).toEqual({ sittingId: null, meetingId: 9 })
    expect(parsePart('x:1')).toBeNull()
  })
  it("names the editor's target", () => {
    expect(targetLabel(targets, { sittingId: 91, meetingId: null })).toBe('第五次会议 · 开幕会（2021-01-19 上午）')
    expect(targetLabel(targets, { sittingId: null, meetingId: 4 })).toBe('第四十一次主席会议（整个会议）')
    expect(targetLabel([], { sittingId: 5, meetingId: null })).toBe('场次 5')
  })
})

describe('editing', () => {
  const input: MinutesInput = {
    sitting_id: 72, meeting_id: null, mark: '主席会议纪要', issue_number: 1, office: '办公室', date: '2020-01-02',
    body: '会议认为。', attendance_order: 'role_strokes',
  }
  it('sees a change in any field the user edits', () => {
    const s = snapshot(input)
    expect(snapshot({ ...input })).toBe(s)
    for (const change of [{ body: '会议决定。' }, { issue_number: null }, { attendance_order: 'roster' as const }, { date: '2020-01-03' }]) {
      expect(snapshot({ ...input, ...change })).not.toBe(s)
    }
    expect(snapshot(null)).toBe('')
  })
  it('inserts a phrase as its own paragraph unless at the start of a line', () => {
    expect(insertPhrase('', 0, 0, '会议认为，')).toEqual({ body: '会议认为，', cursor: 5 })
    expect(insertPhrase('甲。', 2, 2, '会议决定，')).toEqual({ body: '甲。\n会议决定，', cursor: 8 })
    expect(insertPhrase('甲。\n乙。', 3, 3, '会议要求，')).toEqual({ body: '甲。\n会议要求，乙。', cursor: 8 })
    expect(insertPhrase('甲乙丙', 1, 2, '会议同意，')).toEqual({ body: '甲\n会议同意，丙', cursor: 7 })
  })
  it('summarises the attendance block and the missing characters', () => {
    expect(attendanceSummary({ present: ['甲', '乙'], on_leave: ['丙'], invitees: [] })).toBe('出席 2 人，请假 1 人，列席 0 人')
    expect(warningSummary([])).toBe('')
    const w = (place: string) => ({ character: '\uF8FF', codepoint: 'U+F8FF', place, message: '' })
    expect(warningSummary([w('正文第1段第3字'), w('出席名单第8字')])).toBe(
      '2 处字符在所有字体中都没有，导出后会印成空框：“\uF8FF”（U+F8FF）',
    )
  })
})

describe('export locations', () => {
  it('splits a path written by the core on either separator', () => {
    expect(folderOf('/home/a/文档/会务导出/纪要.pdf')).toBe('/home/a/文档/会务导出')
    expect(fileNameOf('/home/a/文档/会务导出/纪要.pdf')).toBe('纪要.pdf')
    expect(folderOf('C:\\Users\\a\\Documents\\会务导出\\纪要.docx')).toBe('C:\\Users\\a\\Documents\\会务导出')
    expect(fileNameOf('C:\\Users\\a\\纪要.docx')).toBe('纪要.docx')
  })
  it('takes an empty path or a folder, and a file only with the format chosen', () => {
    expect(savePathProblem('', 'pdf')).toBeNull()
    expect(savePathProblem('/tmp/导出', 'pdf')).toBeNull()
    expect(savePathProblem('/tmp/纪要.PDF', 'pdf')).toBeNull()
    expect(savePathProblem('/tmp/纪要.pdf', 'docx')).toBe('文件名应以 .docx 结尾（当前为 .pdf）')
  })
})

describe('font settings', () => {
  it('labels where a font comes from, leaving the bundled ones to their name', () => {
    expect(fontSourceLabel('system')).toBe('本机字体')
    expect(fontSourceLabel('user')).toBe('指定文件')
    expect(fontSourceLabel('bundled')).toBe('')
  })
  it('says no official-document font is installed only when system fonts are on and none was found', () => {
    expect(noSystemFonts(true, [{ source: 'bundled' }, { source: 'user' }])).toBe(true)
    expect(noSystemFonts(true, [{ source: 'bundled' }, { source: 'system' }])).toBe(false)
    expect(noSystemFonts(false, [{ source: 'bundled' }])).toBe(false)
  })
})

describe('debounce', () => {
  afterEach(() => vi.useRealTimers())
  it('calls once with the last arguments after a burst, and not after cancel', () => {
    vi.useFakeTimers()
    const calls: number[] = []
    const d = debounce((n: number) => calls.push(n), 400)
    d(1)
    vi.advanceTimersByTime(300)
    d(2)
    vi.advanceTimersByTime(399)
    expect(calls).toEqual([])
    vi.advanceTimersByTime(1)
    expect(calls).toEqual([2])
    d(3)
    d.cancel()
    vi.advanceTimersByTime(1000)
    expect(calls).toEqual([2])
  })
})

describe('minutesFileName', () => {
  it('proposes the name the core gives an export', () => {
    expect(minutesFileName({ mark: '主席会议纪要', issue_number: 3, date: '2021-01-22' }, 'pdf')).toBe('主席会议纪要第3期-2021-01-22.pdf')
    expect(minutesFileName({ mark: ' 纪要/草稿 ', issue_number: null, date: '2021-01-22' }, 'docx')).toBe('纪要_草稿-2021-01-22.docx')
  })
})
