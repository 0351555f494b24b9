// The print dialog's choices: which printer is offered first, whether duplex can be asked for,
// and the request sent to the core (which checks the page range against the file).
import type { Printer } from '@/bindings/Printer'
import type { PrintRequest } from '@/bindings/PrintRequest'

export interface PrintForm {
  printer: string
  copies: number
  duplex: boolean
  pages: string
}

/** The default printer, else the only one, else none chosen. */
export function initialPrinter(list: Printer[]): string {
  const d = list.find((p) => p.is_default) ?? (list.length === 1 ? list[0] : undefined)
  return d?.name ?? ''
}

/** Duplex only where the chosen printer offers it. */
export function canDuplex(list: Printer[], name: string): boolean {
  return list.find((p) => p.name === name)?.duplex ?? false
}

export function toRequest(form: PrintForm, list: Printer[]): PrintRequest {
  const pages = form.pages.trim()
  return {
    printer: form.printer || null,
    copies: Math.max(1, Math.round(form.copies || 1)),
    duplex: form.duplex && canDuplex(list, form.printer),
    pages: pages === '' ? null : pages,
  }
}
