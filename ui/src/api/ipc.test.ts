import { describe, expect, it } from 'vitest'
import { HuiwuError, toHuiwuError } from './ipc'

describe('toHuiwuError', () => {
  it('keeps the {code, message} the core sent', () => {
    const e = toHuiwuError({ code: 'db_too_new', message: '数据库文件的版本比本程序支持的版本新' })
    expect(e).toBeInstanceOf(HuiwuError)
    expect(e.code).toBe('db_too_new')
    expect(e.message).toContain('版本')
  })
  it('wraps strings and unknown values as internal errors', () => {
    expect(toHuiwuError('boom').code).toBe('internal')
    expect(toHuiwuError(undefined).message).toBe('未知错误')
    expect(toHuiwuError(new Error('x')).message).toBe('x')
  })
})
