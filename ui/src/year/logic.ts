// Small rules of the year page: the period of a year, how a figure is shown; and of the entry
// page (履职活动登记): what the duty form asks for each kind, how a duty is shown in the list.
import type { Duty } from '@/bindings/Duty'
import type { DutyInput } from '@/bindings/DutyInput'
import type { DutyKind } from '@/bindings/DutyKind'
import type { Figure } from '@/bindings/Figure'
import type { MemberRecord } from '@/bindings/MemberRecord'

/** The first and last day of a calendar year. */
export function yearPeriod(year: number): { from: string; to: string } {
  return { from: `${year}-01-01`, to: `${year}-12-31` }
}

/** 9次, 196人次, 95.6% */
export function shown(f: Figure): string {
  return f.unit === '%' ? `${f.value.toFixed(1)}%` : `${Math.round(f.value)}${f.unit}`
}

/** The years a clerk may pick: this year and the ten before it, newest first. */
export function yearChoices(now: number): number[] {
  return Array.from({ length: 11 }, (_, i) => now - i)
}

/** «应出席已结束的会议 22 场次，出席 21 场次，请假 1 场次，无故缺席 0 场次。» */
export function attendanceLine(r: MemberRecord): string {
  const c = r.attendance.counts
  const pending = c.pending ? `；另有 ${c.pending} 场次尚未结束，不计入` : ''
  return `应出席已结束的会议 ${c.expected} 场次，出席 ${c.present} 场次，请假 ${c.on_leave} 场次，无故缺席 ${c.absent} 场次${pending}。`
}

/** Where the year pages keep the year last chosen (this window's session). */
export const YEAR_KEY = 'huiwu.year.year'

/** The year the year pages show: the one last chosen in this window, else last year. */
export function rememberedYear(stored: string | null, now: number): number {
  const y = Number(stored)
  return Number.isInteger(y) && y >= 1949 && y <= now + 1 ? y : now - 1
}

/** What the duty form asks for one kind of duty. */
export interface DutyForm {
  /** The label of the free-text `lead` (牵头领导 / 来访单位 / 承办单位 / 报告单位). */
  lead: string
  /** A range of dates (from … to) rather than one day. */
  range: boolean
  place: boolean
  /** 牵头委员 picked from the roster. */
  leadMembers: boolean
  /** 参加委员 picked from the roster. */
  members: boolean
  /** 人次 (delegations received, external training). */
  personTimes: boolean
  /** The label of the report it produced or sent, or null when it has none. */
  report: string | null
}

const FORMS: Record<DutyKind, DutyForm> = {
  grassroots: { lead: '牵头领导', range: false, place: true, leadMembers: false, members: true, personTimes: false, report: null },
  research: { lead: '牵头领导', range: true, place: false, leadMembers: true, members: true, personTimes: false, report: '调研报告' },
  inspection: { lead: '牵头领导', range: true, place: false, leadMembers: true, members: true, personTimes: false, report: '视察报告' },
  delegation: { lead: '来访单位', range: false, place: true, leadMembers: false, members: false, personTimes: true, report: null },
  external_training: { lead: '承办单位', range: true, place: true, leadMembers: false, members: false, personTimes: true, report: null },
  member_training: { lead: '承办单位', range: true, place: true, leadMembers: false, members: true, personTimes: false, report: null },
  party_report: { lead: '报告单位', range: false, place: false, leadMembers: false, members: false, personTimes: false, report: '报告名称' },
}

export function dutyForm(kind: DutyKind | null): DutyForm {
  return kind ? FORMS[kind] : FORMS.grassroots
}

/** A blank form of a kind, dated `date`. */
export function blankDuty(kind: DutyKind | null, date: string): DutyInput {
  return {
    kind, title: '', lead: '', start_date: date, end_date: '', place: '', person_times: 0, report_title: '', notes: '',
    members: [], lead_members: [],
  }
}

/** The form as it is saved: what the chosen kind does not ask for is dropped (a kind changed
 *  after typing must not carry 人次 or members it no longer shows); one-day kinds end the day they start. */
export function dutyToSave(input: DutyInput): DutyInput {
  const f = dutyForm(input.kind)
  return {
    ...input,
    // A cleared date picker gives null: sent as empty, which the core names («开始日期：日期不能为空»).
    start_date: input.start_date ?? '',
    end_date: f.range ? input.end_date ?? '' : '',
    place: f.place ? input.place : '',
    lead_members: f.leadMembers ? input.lead_members : [],
    members: f.members ? input.members : [],
    // A cleared number box gives null: sent as 0, which the core refuses where 人次 is needed.
    person_times: f.personTimes ? input.person_times ?? 0 : 0,
    report_title: f.report ? input.report_title : '',
  }
}

/** «2020-06-01» or «2020-06-01 至 06-02». */
export function dutyDates(d: Pick<Duty, 'start_date' | 'end_date'>): string {
  if (!d.end_date || d.end_date === d.start_date) return d.start_date
  const sameYear = d.end_date.slice(0, 4) === d.start_date.slice(0, 4)
  return `${d.start_date} 至 ${sameYear ? d.end_date.slice(5) : d.end_date}`
}

/** «张三（牵头）、李四、王五» */
export function dutyPeople(d: Duty): string {
  return d.members.map((m) => (m.lead ? `${m.name}（牵头）` : m.name)).join('、')
}
