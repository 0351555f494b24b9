// An audit change as one line. The labels, names and local times come from the core
// (huiwu_core::audit::describe); this only lays them out.
import type { AuditChange } from '@/bindings/AuditChange'

const EMPTY = '（空）'
const LONG = 80

/** A long value (a body of minutes, a remark) cut to its first characters. */
export function short(v: string, max = LONG): string {
  return v.length > max ? `${v.slice(0, max)}……` : v
}

/** «字段：旧 → 新»; a new value alone as «字段：新»; a removed one as «字段：旧 → （空）». */
export function changeLine(c: AuditChange): string {
  if (!c.old && !c.new) return c.field
  if (!c.old) return `${c.field}：${short(c.new)}`
  return `${c.field}：${short(c.old)} → ${short(c.new) || EMPTY}`
}

/** The lines of a record's changes, at most `max`, with a last line saying how many more. */
export function changeLines(changes: AuditChange[], max = 6): string[] {
  const lines = changes.slice(0, max).map(changeLine)
  if (changes.length > max) lines.push(`……另有 ${changes.length - max} 项`)
  return lines
}
