// The committee form's presentation: the rules (full name, term 1–99, dates) and what a full name
// suggests (term, short name, issuing office) are the core's (committee::normalise / suggest).
import type { Committee } from '@/bindings/Committee'
import type { HuiwuError } from '@/api/ipc'

/** The form fields the core's «字段：问题» messages name. */
const FIELDS: Record<string, keyof Committee> = {
  委员会名称: 'name',
  届次: 'term_number',
  届期开始: 'term_start',
  届期结束: 'term_end',
}

/** The core's refusal placed beside the field it names; null when it names no field of the form. */
export function fieldErrors(e: HuiwuError): Record<string, string> | null {
  if (e.code !== 'invalid') return null
  const i = e.message.indexOf('：')
  const field = i > 0 ? FIELDS[e.message.slice(0, i)] : undefined
  return field ? { [field]: e.message.slice(i + 1) } : null
}
