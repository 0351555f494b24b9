// Long work the window watches (a minutes export of a hundred pages, an import of thousands of
// members): the command reports each step through a Tauri channel, the TaskProgress dialog shows
// it once the work has taken longer than a moment, and 取消 asks the core to stop at its next
// step — the core then writes nothing (the transaction rolls back, the file is never put in place).
import { ref } from 'vue'
import { Channel } from '@tauri-apps/api/core'
import type { Step } from '@/bindings/Step'
import { call, toHuiwuError } from '@/api/ipc'

/** The extra arguments a watched command takes. */
export interface TaskArgs {
  task: string
  onProgress: Channel<Step>
}

export interface TaskView {
  id: string
  /** «正在导出纪要» */
  title: string
  step: Step | null
  cancelling: boolean
  /** Shown only once the work has run longer than SHOW_AFTER_MS (no flash for quick work). */
  visible: boolean
}

export const SHOW_AFTER_MS = 400

/** The task the dialog shows; one at a time (the window does one long thing at a time). */
export const current = ref<TaskView | null>(null)

let counter = 0
function newId(): string {
  counter += 1
  return `task-${Date.now()}-${counter}`
}

/** How full the bar is, 0–100; null when the stage cannot be counted. */
export function percent(step: Step | null): number | null {
  if (!step || step.total <= 0) return null
  return Math.max(0, Math.min(100, Math.round((step.done / step.total) * 100)))
}

/** The line under the bar: the stage in the clerk's words, or a waiting word before the first report. */
export function stageText(view: Pick<TaskView, 'step' | 'cancelling'>): string {
  if (view.cancelling) return '正在取消…（已做的部分不会保存）'
  return view.step?.stage ?? '正在准备…'
}

/** Runs `work` with a task id and a progress channel, shows the dialog while it runs, and
 *  resolves to its result — or to null when the user cancelled it (a message says so). Other
 *  errors are thrown on, as from any call. */
export async function watched<T>(title: string, work: (args: TaskArgs) => Promise<T>): Promise<T | null> {
  const onProgress = new Channel<Step>()
  const view: TaskView = { id: newId(), title, step: null, cancelling: false, visible: false }
  current.value = view
  onProgress.onmessage = (step) => {
    if (current.value?.id === view.id) current.value = { ...current.value, step }
  }
  const timer = setTimeout(() => {
    if (current.value?.id === view.id) current.value = { ...current.value, visible: true }
  }, SHOW_AFTER_MS)
  try {
    return await work({ task: view.id, onProgress })
  } catch (e) {
    const err = toHuiwuError(e)
    if (err.code === 'cancelled') {
      const { ElMessage } = await import('./message')
      ElMessage.info(err.message)
      return null
    }
    throw err
  } finally {
    clearTimeout(timer)
    if (current.value?.id === view.id) current.value = null
  }
}

/** 取消 in the dialog. */
export async function cancelCurrent(): Promise<void> {
  const view = current.value
  if (!view || view.cancelling) return
  current.value = { ...view, cancelling: true }
  await call<void>('task_cancel', { task: view.id })
}
