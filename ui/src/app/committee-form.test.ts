import { describe, expect, it } from 'vitest'
import { HuiwuError } from '@/api/ipc'
import { fieldErrors } from './committee-form'

describe('fieldErrors', () => {
  it('places the core refusal beside the field it names', () => {
    expect(fieldErrors(new HuiwuError('invalid', '委员会名称：应为全称，如“政协安宁市第六届委员会”'))).toEqual({
      name: '应为全称，如“政协安宁市第六届委员会”',
    })
    expect(fieldErrors(new HuiwuError('invalid', '届次：应为 1 到 99 之间的整数，而不是 0'))).toHaveProperty('term_number')
  })
  it('leaves other errors to the message box', () => {
    expect(fieldErrors(new HuiwuError('conflict', '此数据库已有委员会'))).toBeNull()
    expect(fieldErrors(new HuiwuError('invalid', '电话：格式不对'))).toBeNull()
  })
})
