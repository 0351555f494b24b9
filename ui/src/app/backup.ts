// 备份数据库 from the home page: loaded on the first click, so the message box is not part of
// the home page's first paint.
import { h } from 'vue'
import { ElMessageBox } from 'element-plus'
import { backupNow } from '@/api/app'
import { toHuiwuError } from '@/api/ipc'

/** Backs the file up and tells where the copy is (or why it failed). */
export async function backupWithDialog(): Promise<void> {
  try {
    const path = await backupNow()
    const text = `数据库已完整备份到：\n${path}\n\n请把这个文件另存到U盘或其他电脑，以防笔记本丢失或损坏。`
    await ElMessageBox.alert(h('div', { style: 'white-space: pre-line; word-break: break-all' }, text), '备份完成', { type: 'success' })
  } catch (e) {
    if (e !== 'cancel' && e !== 'close') ElMessageBox.alert(toHuiwuError(e).message, '备份失败', { type: 'error' })
  }
}
