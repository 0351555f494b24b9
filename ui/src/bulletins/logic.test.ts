import { describe, expect, it } from 'vitest'
import { bulletinLabel, chineseDate, issueOf, moveItem, toggleChosen } from './logic'
import type { Bulletin } from '@/bindings/Bulletin'

describe('bulletin composer order', () => {
  it('puts a ticked remark last and drops an unticked one', () => {
    expect(toggleChosen([3, 1], 2)).toEqual([3, 1, 2])
    expect(toggleChosen([3, 1, 2], 1)).toEqual([3, 2])
  })
  it('moves a remark up or down, never past the ends', () => {
    expect(moveItem([1, 2, 3], 2, -1)).toEqual([1, 3, 2])
    expect(moveItem([1, 2, 3], 0, 1)).toEqual([2, 1, 3])
    expect(moveItem([1, 2, 3], 0, -1)).toEqual([1, 2, 3])
    expect(moveItem([1, 2, 3], 2, 1)).toEqual([1, 2, 3])
  })
})

describe('bulletin labels', () => {
  it('writes numbers and dates the Chinese way', () => {
    expect(issueOf(3)).toBe('第3期')
    expect(issueOf(null)).toBe('')
    expect(chineseDate('2020-01-07')).toBe('2020年1月7日')
  })
  it('names a bulletin by session, number and title', () => {
    const b = { session_name: '六届四次会议', number: 2, title: '各组讨论' } as Bulletin
    expect(bulletinLabel(b)).toBe('六届四次会议 第2期 各组讨论')
    expect(bulletinLabel({ ...b, session_name: null, title: '' })).toBe('平时 第2期')
  })
})
