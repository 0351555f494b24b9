import { describe, expect, it } from 'vitest'
import dayjs from 'dayjs'
import { useChineseWeeks } from './week-start'

describe('useChineseWeeks', () => {
  it('makes Monday the first day of the week for the calendars', () => {
    useChineseWeeks()
    expect(dayjs.localeData().firstDayOfWeek()).toBe(1)
    expect(dayjs.localeData().weekdaysMin()[1]).toBe('一')
  })
})
