// ElMessage for code that shows a message only now and then, loaded when it does
// (`await import('@/app/message')`): a dynamic `import('element-plus')` would fetch the whole
// library, and a static one would put the message component on the path to the first paint.
import { ElMessage } from 'element-plus'

export { ElMessage }
