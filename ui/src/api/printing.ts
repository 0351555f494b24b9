import { call } from './ipc'
import type { Printer } from '@/bindings/Printer'
import type { PrintRequest } from '@/bindings/PrintRequest'
import type { PrintOutcome } from '@/bindings/PrintOutcome'

export const printers = () => call<Printer[]>('printing_printers')
export const printFile = (path: string, request: PrintRequest) => call<PrintOutcome>('printing_print', { path, request })
