// 备份数据库 and 备份到… from the home page: loaded on the first click, so the message box and
// the file dialog are not part of the home page's first paint.
import { h } from 'vue'
import { ElMessageBox } from 'element-plus'
import dayjs from 'dayjs'
import { backupNow } from '@/api/app'
import { toHuiwuError } from '@/api/ipc'
import { FILTERS, pickSaveFile } from './dialogs'

/** Backs the file up — into the default folder, or (`choose`) where the user says in a save
 *  dialog, e.g. straight onto a USB stick — and tells where the copy is (or why it failed). */
export async function backupWithDialog(choose = false): Promise<void> {
  try {
    let target: string | null = null
    if (choose) {
      target = await pickSaveFile('backup', `会务备份-${dayjs().format('YYYYMMDD-HHmm')}.db`, FILTERS.backup)
      if (!target) return
    }
    const path = await backupNow(target)
    const text = choose
      ? `数据库已完整备份到：\n${path}`
      : `数据库已完整备份到：\n${path}\n\n请把这个文件另存到U盘或其他电脑，以防笔记本丢失或损坏。`
    await ElMessageBox.alert(h('div', { style: 'white-space: pre-line; word-break: break-all' }, text), '备份完成', { type: 'success' })
  } catch (e) {
    if (e !== 'cancel' && e !== 'close') ElMessageBox.alert(toHuiwuError(e).message, '备份失败', { type: 'error' })
  }
}
