import { describe, expect, it } from 'vitest'
import { describeChange, entityLabel } from './audit-format'

describe('describeChange', () => {
  it('lists only the fields that changed', () => {
    const lines = describeChange('{"name":"王芳","seat":"1排1号"}', '{"name":"王芳","seat":"2排3号"}')
    expect(lines).toEqual(['seat：1排1号 → 2排3号'])
  })
  it('shows the filled fields of a new object', () => {
    expect(describeChange(null, '{"name":"李堃","notes":""}')).toEqual(['name：李堃'])
  })
  it('shows plain values as old → new', () => {
    expect(describeChange('"1"', '"2"')).toEqual(['1 → 2'])
    expect(describeChange(null, '"v"')).toEqual(['（空） → v'])
  })
  it('labels entities in Chinese and keeps unknown ones', () => {
    expect(entityLabel('member')).toBe('委员')
    expect(entityLabel('zzz')).toBe('zzz')
  })
})
