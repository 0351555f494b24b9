import { describe, expect, it } from 'vitest'
import { chosen, confirmation, deskKey, emptyPick, pick, cardLine, percent } from './desk'
import type { PersonCard } from '@/bindings/PersonCard'

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

describe('candidate selection', () => {
  const three = pick(emptyPick, { type: 'show', candidates: [card(1, '张伟'), card(2, '章玮'), card(3, '张伟华')] })

  it('starts at the top and moves with the arrows, wrapping round', () => {
    expect(chosen(three)?.name).toBe('张伟')
    const down = pick(three, { type: 'down' })
    expect(chosen(down)?.name).toBe('章玮')
    expect(chosen(pick(pick(down, { type: 'down' }), { type: 'down' }))?.name).toBe('张伟')
    expect(chosen(pick(three, { type: 'up' }))?.name).toBe('张伟华')
  })

  it('clears, and arrows do nothing with no candidates', () => {
    expect(pick(three, { type: 'clear' })).toEqual(emptyPick)
    expect(pick(emptyPick, { type: 'down' })).toBe(emptyPick)
    expect(chosen(emptyPick)).toBeNull()
  })
})

describe('keys at the desk', () => {
  const two = pick(emptyPick, { type: 'show', candidates: [card(1, '张伟'), card(2, '章玮')] })

  it('Enter checks in the query, or the chosen candidate while choosing', () => {
    expect(deskKey({ key: 'Enter' }, ' A6001 ', emptyPick)).toEqual({ do: 'check_in', query: 'A6001' })
    expect(deskKey({ key: 'Enter' }, '   ', emptyPick)).toEqual({ do: 'nothing' })
    const d = deskKey({ key: 'Enter' }, 'zw', pick(two, { type: 'down' }))
    expect(d.do === 'check_in_person' && d.person.name).toBe('章玮')
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
    expect(confirmation({ outcome: 'candidates', candidates: [c] })).toBeNull()
  })

  it('describes a person and a rate', () => {
    expect(cardLine(card(1, '张伟'))).toBe('第二组 · 民盟 · 座位 2排1号 · A1')
    expect(percent(0.97345)).toBe('97.3%')
  })
})
