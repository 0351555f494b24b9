import { describe, expect, it } from 'vitest'
import {
  groupReports, highlight, isSubmitKey, moveBy, moveTo, selectionActions, sittingForGroup, toggle,
  toggleAll, unplacedText, speakerLabel,
} from './logic'
import type { Report } from '@/bindings/Report'

describe('selection', () => {
  it('toggles ids and keeps the picking order', () => {
    expect(toggle([3, 1], 2)).toEqual([3, 1, 2])
    expect(toggle([3, 1, 2], 1)).toEqual([3, 2])
  })
  it('selects a whole page, or clears it when all are selected', () => {
    expect(toggleAll([9], [1, 2])).toEqual([9, 1, 2])
    expect(toggleAll([9, 1, 2], [1, 2])).toEqual([9])
    expect(toggleAll([], [])).toEqual([])
  })
  it('offers the actions that fit', () => {
    expect(selectionActions([], false)).toEqual({ merge: false, setAside: false, restore: false })
    expect(selectionActions([{ status: 'unplaced' }], false)).toEqual({ merge: true, setAside: true, restore: false })
    expect(selectionActions([{ status: 'set_aside' }], false)).toEqual({ merge: true, setAside: false, restore: true })
    expect(selectionActions([{ status: 'unplaced' }], true).merge).toBe(false)
  })
})

describe('reordering', () => {
  it('moves up and down, not past the ends', () => {
    expect(moveBy(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c'])
    expect(moveBy(['a', 'b', 'c'], 1, 1)).toEqual(['a', 'c', 'b'])
    expect(moveBy(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c'])
    expect(moveBy(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c'])
  })
  it('drags an item to a position', () => {
    expect(moveTo([1, 2, 3, 4], 0, 2)).toEqual([2, 3, 1, 4])
    expect(moveTo([1, 2, 3, 4], 3, 0)).toEqual([4, 1, 2, 3])
    expect(moveTo([1, 2, 3], 1, 99)).toEqual([1, 3, 2])
  })
})

describe('drafts and highlighting', () => {
  it('marks the shared wording, longest first, overlapping runs merged', () => {
    const parts = highlight('建议加快危险化学品企业搬迁', ['危险化学品企业搬迁', '化学'])
    expect(parts).toEqual([{ text: '建议加快', hit: false }, { text: '危险化学品企业搬迁', hit: true }])
    expect(highlight('abc', [])).toEqual([{ text: 'abc', hit: false }])
    expect(highlight('', ['x'])).toEqual([])
  })
})

describe('entry form', () => {
  it('saves on Ctrl+Enter or Cmd+Enter only', () => {
    expect(isSubmitKey({ key: 'Enter', ctrlKey: true, metaKey: false })).toBe(true)
    expect(isSubmitKey({ key: 'Enter', ctrlKey: false, metaKey: true })).toBe(true)
    expect(isSubmitKey({ key: 'Enter', ctrlKey: false, metaKey: false })).toBe(false)
    expect(isSubmitKey({ key: 's', ctrlKey: true, metaKey: false })).toBe(false)
  })
  it('offers the speaker group\'s sitting', () => {
    const s = [
      { id: 1, title: '第一组', kind: 'group_discussion', date: '2020-01-07', half_day: 'am', group_ids: [10] },
      { id: 2, title: '第二组', kind: 'group_discussion', date: '2020-01-07', half_day: 'am', group_ids: [20] },
      { id: 3, title: '第二组（二）', kind: 'group_discussion', date: '2020-01-08', half_day: 'am', group_ids: [20] },
    ]
    expect(sittingForGroup(s, 20, 1)).toBe(2)
    expect(sittingForGroup(s, 20, 3)).toBe(3)
    expect(sittingForGroup(s, 99, 1)).toBe(1)
    expect(sittingForGroup(s, null, null)).toBe(1)
    expect(sittingForGroup([], null, null)).toBe(null)
  })
  it('says how many remarks are left', () => {
    expect(unplacedText(3, 10)).toBe('还有 3 条发言意见未处理')
    expect(unplacedText(0, 10)).toBe('全部发言意见已处理')
    expect(unplacedText(0, 0)).toBe('尚无发言意见')
    expect(speakerLabel('吴华', null)).toBe('吴华')
    expect(speakerLabel('吴华', '')).toBe('吴华')
    expect(speakerLabel('吴华', 'A012')).toBe('吴华（A012）')
  })
})

describe('report picker', () => {
  it('groups reports by session in the order given', () => {
    const r = (id: number, session_name: string) => ({ id, session_name }) as Report
    expect(groupReports([r(1, '六届五次会议'), r(2, '六届五次会议'), r(3, '六届四次会议')]).map((g) => [g.session, g.reports.map((x) => x.id)]))
      .toEqual([['六届五次会议', [1, 2]], ['六届四次会议', [3]]])
  })
})
