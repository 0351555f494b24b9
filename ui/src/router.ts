// Routes, one block per feature. Features add their pages here with one line each.
import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router'
import HomePage from './app/HomePage.vue'

// Only the home page is loaded with the application; every other page is fetched when first
// visited, so the first paint does not wait for code it does not show.

const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: HomePage, meta: { title: '首页' } },
  { path: '/audit', name: 'audit', component: () => import('./app/AuditPage.vue'), meta: { title: '操作记录' } },
  // feature routes
  { path: '/roster', name: 'roster', component: () => import('./roster/RosterPage.vue'), meta: { title: '委员名册' } },
  { path: '/roster/import', name: 'roster-import', component: () => import('./roster/ImportWizard.vue'), meta: { title: '导入名册' } },
  { path: '/roster/member/:id', name: 'roster-member', component: () => import('./roster/MemberPage.vue'), meta: { title: '委员' } },
  { path: '/meetings', name: 'meetings', component: () => import('./meetings/MeetingsPage.vue'), meta: { title: '会议' } },
  { path: '/meetings/:id', name: 'meeting', component: () => import('./meetings/MeetingPage.vue'), meta: { title: '会议' } },
  { path: '/attendance', name: 'attendance', component: () => import('./attendance/AttendancePage.vue'), meta: { title: '考勤' } },
  { path: '/attendance/stats', name: 'attendance-stats', component: () => import('./attendance/StatsPage.vue'), meta: { title: '考勤统计' } },
  { path: '/opinions', name: 'opinions', component: () => import('./opinions/OpinionsPage.vue'), meta: { title: '协商意见' } },
  { path: '/proposals', name: 'proposals', component: () => import('./proposals/ProposalsPage.vue'), meta: { title: '提案' } },
  { path: '/documents', name: 'documents', component: () => import('./documents/DocumentsPage.vue'), meta: { title: '文件' } },
  { path: '/documents/fonts', name: 'document-fonts', component: () => import('./documents/FontSettingsPage.vue'), meta: { title: '字体设置' } },
  { path: '/documents/minutes', name: 'minutes-editor', component: () => import('./documents/MinutesEditor.vue'), meta: { title: '纪要' } },
  { path: '/bulletins', name: 'bulletins', component: () => import('./bulletins/BulletinsPage.vue'), meta: { title: '简报' } },
  { path: '/bulletins/edit', name: 'bulletin-editor', component: () => import('./bulletins/BulletinEditor.vue'), meta: { title: '简报' } },
  { path: '/sqmy', name: 'sqmy', component: () => import('./sqmy/SqmyPage.vue'), meta: { title: '社情民意' } },
  { path: '/stations', name: 'stations', component: () => import('./stations/StationsPage.vue'), meta: { title: '分站' } },
  { path: '/hall', name: 'hall', component: () => import('./stations/HallDisplay.vue'), meta: { title: '大屏', bare: true } },
  { path: '/year', name: 'year', component: () => import('./year/YearTabs.vue'), meta: { title: '年度统计' } },
  { path: '/:rest(.*)*', name: 'not-found', component: () => import('./app/NotFound.vue') },
]

export const router = createRouter({ history: createWebHashHistory(), routes })
