import { describe, expect, it } from 'vitest'
import { PageCache, pagesWanted } from './pages'

describe('pagesWanted', () => {
  it('draws the pages in view first, then one either side', () => {
    expect(pagesWanted([5, 4], 100)).toEqual([4, 5, 3, 6])
  })
  it('stays within the document', () => {
    expect(pagesWanted([0], 2, 2)).toEqual([0, 1])
    expect(pagesWanted([7], 3)).toEqual([])
  })
  it('draws nothing when nothing is in view', () => {
    expect(pagesWanted([], 100)).toEqual([])
  })
})

describe('PageCache', () => {
  it('keeps the most recently used drawings and lets the oldest go', () => {
    const dropped: string[] = []
    const c = new PageCache<string>(2, (v) => dropped.push(v))
    c.set('a', 'A')
    c.set('b', 'B')
    c.get('a')
    c.set('c', 'C')
    expect(c.has('a') && c.has('c')).toBe(true)
    expect(c.has('b')).toBe(false)
    expect(dropped).toEqual(['B'])
  })
  it('never lets go of a drawing on screen', () => {
    const c = new PageCache<string>(1)
    c.set('a', 'A')
    c.set('b', 'B', new Set(['a']))
    expect(c.has('a') && c.has('b')).toBe(true)
  })
})
