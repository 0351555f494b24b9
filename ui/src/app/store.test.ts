import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Status } from '@/bindings/Status'

const invoke = vi.fn()
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...args: unknown[]) => invoke(...args) }))
const { app, refreshStatus, takeEarlyStatus } = await import('./store')

const status = (db_path: string) => ({ db_path, operator: '系统', overview: null }) as Status
const early = window as { __huiwuEarlyStatus?: Promise<Status> }
const asked = () => invoke.mock.calls.map((c) => c[0])

describe('the first status of the page (public/early-status.js)', () => {
  beforeEach(() => {
    invoke.mockReset()
    invoke.mockImplementation(async (cmd: string) => (cmd === 'app_status' ? status('later.db') : '会务'))
  })

  it('comes from the question asked as the page started, once; later ones are asked afresh', async () => {
    early.__huiwuEarlyStatus = Promise.resolve(status('early.db'))
    await refreshStatus()
    expect(app.status?.db_path, 'the early answer is shown').toBe('early.db')
    expect(asked(), 'app_status is not asked twice').not.toContain('app_status')
    expect(takeEarlyStatus(), 'the early answer is taken only once').toBeNull()
    await refreshStatus()
    expect(app.status?.db_path, 'a later refresh asks the core again').toBe('later.db')
    expect(asked()).toContain('app_status')
  })

  it('shows an early failure as it shows any other', async () => {
    const failed = Promise.reject({ code: 'corrupt', message: '文件已损坏，请从备份恢复' })
    failed.catch(() => {})
    early.__huiwuEarlyStatus = failed
    await refreshStatus()
    expect(app.error?.message, 'the core’s message, in Chinese').toBe('文件已损坏，请从备份恢复')
    expect(app.loading, 'no longer loading').toBe(false)
  })

  it('asks the core when the page started without the early script', async () => {
    delete early.__huiwuEarlyStatus
    await refreshStatus()
    expect(app.status?.db_path).toBe('later.db')
  })
})
