import { describe, expect, it } from 'vitest'
import { percent, stageText } from './task'

describe('the progress of long work', () => {
  it('fills the bar by the steps done, within 0–100', () => {
    expect(percent({ stage: '生成第 3 页（共 100 页）', done: 2, total: 100 })).toBe(2)
    expect(percent({ stage: '嵌入字体，写成 PDF', done: 100, total: 100 })).toBe(100)
    expect(percent({ stage: 'x', done: 7, total: 3 })).toBe(100)
  })
  it('has no bar for a stage it cannot count, nor before the first report', () => {
    expect(percent({ stage: '排版', done: 0, total: 0 })).toBeNull()
    expect(percent(null)).toBeNull()
  })
  it('says what is being done, and that nothing is kept while cancelling', () => {
    expect(stageText({ step: null, cancelling: false })).toBe('正在准备…')
    expect(stageText({ step: { stage: '写入第 8 行（共 2000 行）', done: 7, total: 2000 }, cancelling: false })).toBe('写入第 8 行（共 2000 行）')
    expect(stageText({ step: { stage: '写入第 8 行', done: 7, total: 2000 }, cancelling: true })).toContain('不会保存')
  })
})
