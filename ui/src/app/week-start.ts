// Calendars start their weeks on Monday, as Chinese calendars do: Element Plus's calendar and date
// pickers take the first day of the week from dayjs's global locale, which is English (Sunday)
// unless set.
import dayjs from 'dayjs'
import localeData from 'dayjs/plugin/localeData'
import 'dayjs/locale/zh-cn'

export function useChineseWeeks(): void {
  dayjs.extend(localeData)
  dayjs.locale('zh-cn')
}
