// The desk's member search as an autocomplete's suggestions: the submitters of a proposal and
// the chair who follows a key proposal (督办) are found the same way.
import * as api from '@/api/proposals'
import type { MemberHit } from '@/bindings/MemberHit'
import { memberLabel } from './logic'

export interface MemberSuggestion {
  value: string
  hit: MemberHit
}

/** For el-autocomplete's fetch-suggestions: nothing for an empty query or a failed search. */
export async function fetchMembers(q: string, cb: (items: MemberSuggestion[]) => void) {
  if (!q.trim()) return cb([])
  try {
    const hits = await api.searchMembers(q)
    cb(hits.map((h) => ({ value: `${memberLabel(h.member)} ${h.member.sector ?? ''}`.trim(), hit: h })))
  } catch {
    cb([])
  }
}
