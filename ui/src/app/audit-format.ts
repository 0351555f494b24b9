// Turns an audit entry's old and new JSON into readable «字段：旧 → 新» lines.

const ENTITY: Record<string, string> = {
  committee: '委员会', setting: '设置', member: '委员', membership_event: '任职变动', invitee: '列席人员',
  session: '次会议', meeting: '会议', sitting: '场次', agenda_item: '议程', attendance: '考勤',
  checkin: '签到', leave: '请假', report: '报告', remark: '发言意见', opinion: '协商意见',
  feedback: '反馈', minutes: '纪要',
}
const ACTION: Record<string, string> = { create: '新建', update: '修改', delete: '删除' }

export const entityLabel = (e: string) => ENTITY[e] ?? e
export const actionLabel = (a: string) => ACTION[a] ?? a

function parse(text: string | null): unknown {
  if (text === null) return undefined
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

function show(v: unknown): string {
  if (v === undefined || v === null || v === '') return '（空）'
  if (typeof v === 'object') return JSON.stringify(v)
  return String(v)
}

/** The changed fields of an object, or one line for a plain value. */
export function describeChange(oldText: string | null, newText: string | null): string[] {
  const a = parse(oldText)
  const b = parse(newText)
  const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v)
  if (isObj(a) && isObj(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])]
    return keys.filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k])).map((k) => `${k}：${show(a[k])} → ${show(b[k])}`)
  }
  if (a === undefined && isObj(b)) return Object.entries(b).filter(([, v]) => v !== null && v !== '').map(([k, v]) => `${k}：${show(v)}`)
  if (isObj(a) && b === undefined) return ['（已删除）']
  return [`${show(a)} → ${show(b)}`]
}
