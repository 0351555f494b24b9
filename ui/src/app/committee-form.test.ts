import { describe, expect, it } from 'vitest'
import { suggestNames, termFromName, validateCommittee } from './committee-form'

describe('termFromName', () => {
  it('reads Chinese ordinals of the term', () => {
    expect(termFromName('政协安宁市第六届委员会')).toBe(6)
    expect(termFromName('政协某县第十届委员会')).toBe(10)
    expect(termFromName('政协某市第十二届委员会')).toBe(12)
    expect(termFromName('政协某市第二十届委员会')).toBe(20)
    expect(termFromName('政协某市第二十一届委员会')).toBe(21)
    expect(termFromName('安宁市政协')).toBeNull()
  })
})

describe('validateCommittee', () => {
  const ok = { name: '政协安宁市第六届委员会', short_name: '', term_number: 6, term_start: null, term_end: null, secretariat: '' }
  it('accepts a full name and a term', () => {
    expect(validateCommittee(ok)).toEqual({})
  })
  it('names the field that is wrong', () => {
    expect(validateCommittee({ ...ok, name: ' ' })).toHaveProperty('name')
    expect(validateCommittee({ ...ok, name: '安宁市政协' }).name).toContain('全称')
    expect(validateCommittee({ ...ok, term_number: 0 })).toHaveProperty('term_number')
  })
})

describe('suggestNames', () => {
  it('derives the short name and the office', () => {
    expect(suggestNames('政协安宁市第六届委员会')).toEqual({ short_name: '安宁市政协', secretariat: '政协安宁市委员会办公室' })
    expect(suggestNames('随便')).toEqual({ short_name: '', secretariat: '' })
  })
})
