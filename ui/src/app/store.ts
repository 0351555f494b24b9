// The application-wide state: the open file, the operator and the committee's figures.
import { reactive } from 'vue'
import type { Status } from '@/bindings/Status'
import { appStatus, appTitle } from '@/api/app'
import { HuiwuError, toHuiwuError } from '@/api/ipc'

export const app = reactive({
  loading: true,
  status: null as Status | null,
  /** Why the database could not be opened (too new, corrupt...): shown instead of the app. */
  error: null as HuiwuError | null,
  /** Raised when the open file's content was replaced (a snapshot restored): every page loads again. */
  generation: 0,
})

export function setStatus(s: Status) {
  app.status = s
  app.error = null
  void syncTitle()
}

/** The title bar names the open file (set by the core's shell); the page's title follows it. */
async function syncTitle() {
  try {
    document.title = await appTitle()
  } catch {
    // Only the title is missed.
  }
}

/** The status public/early-status.js asked for as the page started, if it did and nobody took it
 * yet: the first status of the page comes from it, every later one is asked afresh. */
export function takeEarlyStatus(): Promise<Status> | null {
  const w = window as { __huiwuEarlyStatus?: Promise<Status> }
  const asked = w.__huiwuEarlyStatus ?? null
  delete w.__huiwuEarlyStatus
  return asked
}

export async function refreshStatus() {
  try {
    setStatus(await (takeEarlyStatus() ?? appStatus()))
  } catch (e) {
    app.error = toHuiwuError(e)
    void syncTitle()
  } finally {
    app.loading = false
  }
}
