// 委员 and 会议 in the real window: the demo roster (198 in office after the 2020 changes), the one
// search box, a member's history, the import wizard's preview of a real .xls, and the 2020 calendar.
import { after, test } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import { byTestId, cli, find, openWindow, root, screenshot, stopDriver, waitText, workdir } from './harness.mjs'

after(stopDriver)

/** Element Plus puts a data-testid either on the input itself or on its wrapper. */
async function field(el, tag) {
  return (await el.getTagName()).toLowerCase() === tag ? el : el.findElement({ css: tag })
}

test('roster table, search, member page, import preview, meetings of 2020', async () => {
  const dir = workdir('roster')
  const db = path.join(dir, 'demo.db')
  cli(['--db', db, 'demo'])
  const driver = await openWindow(db)
  try {
    await (await find(driver, 'nav-roster')).click()
    await waitText(driver, 'roster-count', (t) => t === '共 198 人')
    await screenshot(driver, 'roster-table')

    const search = await field(await find(driver, 'roster-search'), 'input')
    await search.sendKeys('zw')
    await waitText(driver, 'roster-count', (t) => t !== '共 198 人' && t !== '共 0 人')
    await screenshot(driver, 'roster-search-zw')
    const zw = await driver.findElement({ xpath: "//*[@data-testid='roster-table']//div[contains(@class,'el-table-v2__row') and contains(., '张伟')]" })
    await zw.click()
    await find(driver, 'member-page')
    await waitText(driver, 'member-events', (t) => t.includes('任委员'))
    await screenshot(driver, 'roster-member')

    await (await find(driver, 'nav-roster')).click()
    await (await find(driver, 'roster-import')).click()
    const p = await field(await find(driver, 'import-path'), 'input')
    await p.sendKeys(path.join(root, 'tests', 'fixtures', 'roster', 'messy.xls'))
    await (await find(driver, 'import-path-go')).click()
    await waitText(driver, 'import-summary', (t) => t.includes('新增 5'))
    await screenshot(driver, 'roster-import-preview')

    await (await find(driver, 'nav-meetings')).click()
    const year = await field(await find(driver, 'meetings-year'), 'input')
    await year.sendKeys('\uE009a') // Ctrl+A
    await year.sendKeys('2020\uE007')
    await waitText(driver, 'meetings-counts', (t) => t.includes('常委会会议 9') && t.includes('共 49 个会议'))
    await screenshot(driver, 'meetings-2020')
    const plenary = await driver.findElement({ xpath: "//*[@data-testid='meetings-table']//tr[contains(., '第四次会议')]/td[3]//div" })
    await plenary.click()
    await find(driver, 'sittings-table')
    await screenshot(driver, 'meeting-sittings')
    assert.ok((await driver.findElements(byTestId('sitting-new'))).length === 1)
  } finally {
    await driver.quit()
  }
})
