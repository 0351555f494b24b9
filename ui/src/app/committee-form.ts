// Checks of the committee form, before anything is sent to the core (which checks again).
import type { Committee } from '@/bindings/Committee'

const TERM_IN_NAME = /第([一二三四五六七八九十]+)届/
const DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 }

/** Reads the term from a name such as 政协安宁市第六届委员会 (六 → 6, 十二 → 12). */
export function termFromName(name: string): number | null {
  const m = TERM_IN_NAME.exec(name)
  if (!m) return null
  const s = m[1]
  if (s === '十') return 10
  if (s.startsWith('十')) return 10 + (DIGITS[s[1]] ?? 0)
  if (s.endsWith('十')) return (DIGITS[s[0]] ?? 0) * 10
  if (s.length === 3 && s[1] === '十') return (DIGITS[s[0]] ?? 0) * 10 + (DIGITS[s[2]] ?? 0)
  return DIGITS[s] ?? null
}

/** Problems of the form, one message per field; empty when it can be sent. */
export function validateCommittee(c: Committee): Record<string, string> {
  const errors: Record<string, string> = {}
  if (!c.name.trim()) errors.name = '请填写委员会名称'
  else if (!c.name.includes('委员会')) errors.name = '名称应为全称，如“政协安宁市第六届委员会”'
  if (!Number.isInteger(c.term_number) || c.term_number < 1 || c.term_number > 99)
    errors.term_number = '届次应为 1 到 99 之间的整数'
  return errors
}

/** Suggests the short name and the issuing office from the full name. */
export function suggestNames(name: string): { short_name: string; secretariat: string } {
  const m = /^政协(.+?)第.+届委员会$/.exec(name.trim())
  if (!m) return { short_name: '', secretariat: '' }
  return { short_name: `${m[1]}政协`, secretariat: `政协${m[1]}委员会办公室` }
}
