// The one way the UI talks to the core: a typed `invoke` whose failures are always
// `HuiwuError {code, message}` with a Chinese message ready to show.
import { invoke } from '@tauri-apps/api/core'
import type { IpcError } from '@/bindings/IpcError'

export class HuiwuError extends Error {
  readonly code: string
  constructor(code: string, message: string) {
    super(message)
    this.code = code
    this.name = 'HuiwuError'
  }
}

/** Turns whatever a failed invoke threw into a HuiwuError. */
export function toHuiwuError(e: unknown): HuiwuError {
  if (e instanceof HuiwuError) return e
  if (e && typeof e === 'object' && 'code' in e && 'message' in e) {
    const { code, message } = e as IpcError
    return new HuiwuError(String(code), String(message))
  }
  if (typeof e === 'string') return new HuiwuError('internal', e)
  if (e instanceof Error) return new HuiwuError('internal', e.message)
  return new HuiwuError('internal', '未知错误')
}

export async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args)
  } catch (e) {
    throw toHuiwuError(e)
  }
}
