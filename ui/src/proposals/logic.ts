// Pure helpers of the proposals page: labels of the coded values, dates as the clerk reads them,
// what a proposal can do next.
import type { Proposal } from '@/bindings/Proposal'
import type { ProposalStage } from '@/bindings/ProposalStage'
import type { NotFiledOutcome } from '@/bindings/NotFiledOutcome'
import type { Rating } from '@/bindings/Rating'
import type { CollectiveKind } from '@/bindings/CollectiveKind'

export const STAGE_LABELS: Record<ProposalStage, string> = {
  received: '待审查',
  filed: '已立案待交办',
  assigned: '办理中',
  answered: '已答复待评价',
  rated: '已评价',
  visited: '已回访',
  not_filed: '不予立案',
  merged: '并案',
  withdrawn: '已撤案',
}

export const OUTCOME_LABELS: Record<NotFiledOutcome, string> = {
  work_suggestion: '转为工作建议',
  sqmy: '转为社情民意信息',
  letter: '转为委员来信',
  returned: '退回',
}

export const RATING_LABELS: Record<Rating, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  unsatisfied: '不满意',
}

export const COLLECTIVE_LABELS: Record<CollectiveKind, string> = {
  party: '党派',
  organisation: '人民团体',
  sector: '界别',
  special_committee: '专门委员会',
}

/** «2020年1月5日» from '2020-01-05'; '' for none. */
export function dateLabel(d: string | null | undefined): string {
  if (!d) return ''
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d)
  return m ? `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日` : d
}

/** Today as 'YYYY-MM-DD', local time. */
export function today(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`
}

export type Action = 'review' | 'assign' | 'talk' | 'answer' | 'rate' | 'visit' | 'withdraw' | 'edit'

/** The actions a proposal offers in its stage. */
export function actionsFor(p: Proposal): Action[] {
  switch (p.stage) {
    case 'received':
      return ['edit', 'review', 'withdraw']
    case 'filed':
      return ['assign', 'withdraw']
    case 'assigned':
      return p.answers.length === 0 ? ['talk', 'answer', 'assign', 'withdraw'] : ['talk', 'answer', 'withdraw']
    case 'answered':
      return ['rate', 'talk', 'withdraw']
    case 'rated':
      return ['visit', 'withdraw']
    case 'visited':
      return ['withdraw']
    default:
      return []
  }
}

/** A rate shown in per cent with one decimal: 75.7%. */
export function pct(r: number): string {
  return `${r.toFixed(1)}%`
}

/** The categories typed or pasted into the settings: one a line (a list pasted from Word with
 * «、», commas or semicolons between them is split the same way), blanks and repeats dropped. */
export function categoriesFromText(text: string): string[] {
  const out: string[] = []
  for (const c of text.split(/[\n\r、,，;；]+/)) {
    const t = c.trim()
    if (t && !out.includes(t)) out.push(t)
  }
  return out
}

/** How a member found by the desk's search is named in a field: «张三（A6010）». */
export function memberLabel(m: { name: string; member_no: string | null }): string {
  return m.member_no ? `${m.name}（${m.member_no}）` : m.name
}
