// Committee files from the window: 打开其他委员会文件…, 新建委员会文件…, and the recent files.
// The core opens the file with the checks made at start; a refused file leaves the open one open
// and its reason is shown. After a switch the window shows the new file's home page (or the
// first-run page of a new file).
import { ElMessage } from 'element-plus'
import { filesNew, filesOpen } from '@/api/app'
import { toHuiwuError } from '@/api/ipc'
import { router } from '@/router'
import { FILTERS, pickFile, pickSaveFile } from './dialogs'
import { setStatus } from './store'

/** Opens the committee file at `path` in the window; false when it was refused (and said why). */
export async function openCommitteeFile(path: string): Promise<boolean> {
  try {
    setStatus(await filesOpen(path))
    await router.push('/')
    return true
  } catch (e) {
    ElMessage.error(toHuiwuError(e).message)
    return false
  }
}

/** 打开其他委员会文件…: the open dialog, then the switch. */
export async function chooseAndOpen(): Promise<void> {
  const path = await pickFile('committee', FILTERS.committee).catch(() => null)
  if (path) await openCommitteeFile(path)
}

/** 新建委员会文件…: the save dialog, then an empty file there, whose committee the window asks for. */
export async function chooseAndCreate(): Promise<void> {
  const path = await pickSaveFile('committee-new', '新委员会.db', FILTERS.committee).catch(() => null)
  if (!path) return
  try {
    setStatus(await filesNew(path))
    await router.push('/')
  } catch (e) {
    ElMessage.error(toHuiwuError(e).message)
  }
}
