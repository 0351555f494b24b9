// A second start of Huiwu on the file this window has open brings this window forward
// (src-tauri/src/instance.rs) and says so here, so the clerk knows why no new window appeared.
import { listen } from '@tauri-apps/api/event'
import { ElMessage } from 'element-plus'

export const SECOND_START = 'huiwu://second-start'

export function listenForSecondStart(): Promise<() => void> {
  return listen(SECOND_START, () => {
    ElMessage.info({ message: '这个委员会文件已在本窗口中打开（同一文件只开一个窗口）。', duration: 5000 })
  })
}
