import { describe, expect, it } from 'vitest'
import { changeLine, changeLines } from './audit-format'

describe('changeLine', () => {
  it('shows old → new, a new value alone, and a cleared one as empty', () => {
    expect(changeLine({ field: '座位', old: '1排1号', new: '2排3号' })).toBe('座位：1排1号 → 2排3号')
    expect(changeLine({ field: '姓名', old: '', new: '李堃' })).toBe('姓名：李堃')
    expect(changeLine({ field: '电话', old: '138', new: '' })).toBe('电话：138 → （空）')
  })
  it('cuts long values', () => {
    expect(changeLine({ field: '正文', old: '', new: '会'.repeat(100) })).toBe(`正文：${'会'.repeat(80)}……`)
  })
  it('says how many lines are left out', () => {
    const many = Array.from({ length: 8 }, (_, i) => ({ field: `项${i}`, old: '', new: 'x' }))
    expect(changeLines(many, 6)).toHaveLength(7)
    expect(changeLines(many, 6)[6]).toBe('……另有 2 项')
  })
})
