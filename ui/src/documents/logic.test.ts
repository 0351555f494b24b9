import { describe, expect, it } from 'vitest'
import { bodySummary, headingLevel, svgDataUrl } from './logic'

describe('headingLevel', () => {
  it('recognises the four GB/T 9704 levels', () => {
    expect(headingLevel('一、总体情况')).toBe(1)
    expect(headingLevel('（二）加强学习')).toBe(2)
    expect(headingLevel('3.完善制度')).toBe(3)
    expect(headingLevel('（4）细则')).toBe(4)
  })
  it('does not take a decimal number or plain text for a heading', () => {
    expect(headingLevel('1.5亿元')).toBeNull()
    expect(headingLevel('会议认为')).toBeNull()
  })
})

describe('bodySummary', () => {
  it('counts paragraphs and headings, ignoring blank lines', () => {
    expect(bodySummary('一、总体\n\n会议认为。\n（一）学习')).toBe('3 段，其中标题 2 个')
  })
})

describe('svgDataUrl', () => {
  it('encodes Chinese and non-BMP text as UTF-8 base64', () => {
    const url = svgDataUrl('<svg>周𠮷祥</svg>')
    expect(url.startsWith('data:image/svg+xml;base64,')).toBe(true)
    const bin = atob(url.split(',')[1])
    const text = new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)))
    expect(text).toBe('<svg>周𠮷祥</svg>')
  })
})
