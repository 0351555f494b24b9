process.env.TZ = 'Asia/Shanghai'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  afterTyping, afterUndo, candidateMark, chosen, confirmation, deskDefault, deskKey, emptyPick, listFor, localDate, pick, cardLine, percent,
} from './desk'
import type { PersonCard } from '@/bindings/PersonCard'
import type { Candidate } from '@/bindings/Candidate'
import type { SittingChoice } from '@/bindings/SittingChoice'

const card = (id: number, name: string): PersonCard => ({
  person: { kind: 'member', id },
  name,
  member_no: `A${id}`,
  sector: '民盟',
  group: '第二组',
  seat: `2排${id}号`,
  role: 'member',
  roster_order: id,
})

const cand = (id: number, name: string, status: Candidate['status'] = 'not_arrived'): Candidate => ({
  card: card(id, name),
  status,
  status_text: status === 'present' ? '已到 08:12:30' : '未到',
})

describe('candidate selection', () => {
  const three = pick(emptyPick, { type: 'show', query: 'zw', candidates: [cand(1, '张伟'), cand(2, '章玮'), cand(3, '张伟华')] })

  it('starts at the top and moves with the arrows, wrapping round', () => {
    expect(chosen(three)?.card.name).toBe('张伟')
    const down = pick(three, { type: 'down' })
    expect(chosen(down)?.card.name).toBe('章玮')
    expect(chosen(pick(pick(down, { type: 'down' }), { type: 'down' }))?.card.name).toBe('张伟')
    expect(chosen(pick(three, { type: 'up' }))?.card.name).toBe('张伟华')
  })

  it('clears, and arrows do nothing with no candidates', () => {
    expect(pick(three, { type: 'clear' })).toEqual(emptyPick)
    expect(pick(emptyPick, { type: 'down' })).toBe(emptyPick)
    expect(chosen(emptyPick)).toBeNull()
  })
})

describe('keys at the desk', () => {
  const two = pick(emptyPick, { type: 'show', query: 'zw', candidates: [cand(1, '张伟'), cand(2, '章玮')] })

  it('Enter checks in the query, or the chosen candidate while choosing', () => {
    expect(deskKey({ key: 'Enter' }, ' A6001 ', emptyPick)).toEqual({ do: 'check_in', query: 'A6001' })
    expect(deskKey({ key: 'Enter' }, '   ', emptyPick)).toEqual({ do: 'nothing' })
    const d = deskKey({ key: 'Enter' }, 'zw', pick(two, { type: 'down' }))
    expect(d.do === 'check_in_chosen' && [d.query, d.person.name]).toEqual(['zw', '章玮'])
  })

  it('a list made for another text is never chosen from: Enter sends the current text', () => {
    // «szq» listed 孙志强 and others; the clerk typed «longzhiqiang» over it without Esc.
    const szq = pick(emptyPick, { type: 'show', query: 'szq', candidates: [cand(7, '孙志强'), cand(8, '宋智勤')] })
    expect(deskKey({ key: 'Enter' }, 'longzhiqiang', szq)).toEqual({ do: 'check_in', query: 'longzhiqiang' })
    expect(deskKey({ key: 'Enter' }, 'szq杨', szq)).toEqual({ do: 'check_in', query: 'szq杨' })
    expect(deskKey({ key: 'ArrowDown' }, 'szq杨', szq)).toEqual({ do: 'nothing' })
    expect(listFor(szq, 'szq杨')).toBe(false)
    expect(listFor(szq, ' szq ')).toBe(true)
  })

  it('any new keystroke drops the list; the same text keeps it', () => {
    const szq = pick(emptyPick, { type: 'show', query: 'szq', candidates: [cand(7, '孙志强'), cand(8, '宋智勤')] })
    expect(afterTyping(szq, 'szqy')).toEqual(emptyPick)
    expect(afterTyping(szq, 'sz')).toEqual(emptyPick)
    expect(afterTyping(szq, 'szq')).toBe(szq)
  })

  it('an IME composing Enter is not a check-in', () => {
    expect(deskKey({ key: 'Enter', isComposing: true }, 'zhang', emptyPick)).toEqual({ do: 'nothing' })
  })

  it('arrows pick only while choosing; Escape clears; Ctrl+Z undoes', () => {
    expect(deskKey({ key: 'ArrowDown' }, 'zw', two)).toEqual({ do: 'pick', action: { type: 'down' } })
    expect(deskKey({ key: 'ArrowDown' }, 'zw', emptyPick)).toEqual({ do: 'nothing' })
    expect(deskKey({ key: 'Escape' }, 'zw', two)).toEqual({ do: 'pick', action: { type: 'clear' } })
    expect(deskKey({ key: 'z', ctrlKey: true }, '', emptyPick)).toEqual({ do: 'undo' })
  })
})

describe('texts', () => {
  it('confirms check-ins, lateness and returns', () => {
    const c = card(1, '张伟')
    expect(confirmation({ outcome: 'checked_in', card: c, late: false, returned: false, at: '2021-01-19T08:12:30+08:00' }))
      .toEqual({ tone: 'success', title: '已签到', card: c, time: '08:12:30' })
    expect(confirmation({ outcome: 'checked_in', card: c, late: true, returned: false, at: '2021-01-19T08:40:00+08:00' })?.title)
      .toBe('已签到（迟到）')
    expect(confirmation({ outcome: 'checked_in', card: c, late: false, returned: true, at: 'x' })?.title).toBe('已返回会场')
    expect(confirmation({ outcome: 'not_found', message: '没有找到“x”' })?.tone).toBe('error')
    expect(confirmation({ outcome: 'candidates', query: 'zw', candidates: [cand(1, '张伟')] })).toBeNull()
  })

  it('describes a person and a rate', () => {
    expect(cardLine(card(1, '张伟'))).toBe('第二组 · 民盟 · 座位 2排1号 · A1')
    expect(percent(0.97345)).toBe('97.3%')
  })
})

describe('the list marks who is already here', () => {
  it('present, on leave, not yet', () => {
    expect(candidateMark(cand(1, '张伟', 'present'))).toEqual({ text: '已到 08:12:30', tone: 'present' })
    expect(candidateMark({ ...cand(2, '章玮', 'leave'), status_text: '请假（因病）' }).tone).toBe('leave')
    expect(candidateMark(cand(3, '张伟华')).tone).toBe('waiting')
  })
})

describe('after an undo', () => {
  it('离场 / 返回 stop offering the member whose action was undone', () => {
    const last = { card: card(4, '章玮'), inRoom: true }
    expect(afterUndo(last, { kind: 'member', id: 4 })).toBeNull()
    expect(afterUndo(last, { kind: 'member', id: 5 })).toBe(last)
    expect(afterUndo(last, { kind: 'invitee', id: 4 })).toBe(last)
  })
})

describe('today is the local date', () => {
  afterEach(() => vi.useRealTimers())
  const sitting = (id: number, date: string, closed = false): SittingChoice => ({
    sitting_id: id, meeting_id: 1, meeting_title: '六届五次会议', meeting_kind: 'plenary', title: `场次${id}`, date,
    half_day: 'am', start_time: '08:30', status: 'open', closed, election: false,
  })

  it('at 07:30 in Beijing the desk opens on today\'s sitting, not yesterday\'s', () => {
    vi.useFakeTimers()
    vi.setSystemTime(new Date('2021-01-19T07:30:00+08:00')) // 2021-01-18 23:30 UTC
    expect(new Date().getHours()).toBe(7) // the test runs in Asia/Shanghai
    expect(localDate()).toBe('2021-01-19')
    // Newest first, as the core lists them: tomorrow, today, yesterday (still open).
    const list = [sitting(3, '2021-01-20'), sitting(2, '2021-01-19'), sitting(1, '2021-01-18')]
    expect(deskDefault(list)).toBe(2)
  })

  it('late in the evening it is still today', () => {
    vi.useFakeTimers()
    vi.setSystemTime(new Date('2021-01-19T23:50:00+08:00'))
    expect(localDate()).toBe('2021-01-19')
  })
})
