import { createApp } from 'vue'
import { provideGlobalConfig } from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import { useChineseWeeks } from './app/week-start'
// The base variables every Element Plus component's own stylesheet relies on; each component
// brings its CSS with it (vite.config.ts), so a page pays only for what it shows.
import 'element-plus/theme-chalk/base.css'
import './style.css'
import App from './App.vue'
import { router } from './router'

useChineseWeeks()
const app = createApp(App)
// Chinese texts in every component, also in ElMessageBox/ElMessage, which are mounted outside the app.
provideGlobalConfig({ locale: zhCn }, app, true)
app.use(router).mount('#app')
