import { describe, expect, it } from 'vitest'
import type { Printer } from '@/bindings/Printer'
import { canDuplex, initialPrinter, toRequest } from './print-form'

const p = (name: string, is_default = false, duplex = false): Printer => ({
  name, description: '', is_default, state: 'idle', state_message: '', duplex,
})

describe('print form', () => {
  it('offers the default printer, else the only one', () => {
    expect(initialPrinter([p('A'), p('B', true)])).toBe('B')
    expect(initialPrinter([p('Only')])).toBe('Only')
    expect(initialPrinter([p('A'), p('B')])).toBe('')
  })
  it('asks for duplex only where the printer offers it', () => {
    const list = [p('A', false, true), p('B')]
    expect(canDuplex(list, 'A')).toBe(true)
    expect(toRequest({ printer: 'B', copies: 2, duplex: true, pages: '' }, list)).toEqual({
      printer: 'B', copies: 2, duplex: false, pages: null,
    })
  })
  it('sends the page range as typed and at least one copy', () => {
    expect(toRequest({ printer: '', copies: 0, duplex: false, pages: ' 1-3,5 ' }, [])).toEqual({
      printer: null, copies: 1, duplex: false, pages: '1-3,5',
    })
  })
})
