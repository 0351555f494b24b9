// 协商意见 in the real window: the demo's government report list, a remark recorded with the
// keyboard flow, the unplaced counter following it, and the consolidation of that remark.
import { after, test } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import { By, Key } from 'selenium-webdriver'
import { byTestId, cli, click, find, openWindow, screenshot, stopDriver, waitText, workdir } from './harness.mjs'

after(stopDriver)

/** Element Plus puts a data-testid either on the input itself or on its wrapper. */
async function field(el, tag) {
  return (await el.getTagName()).toLowerCase() === tag ? el : el.findElement({ css: tag })
}

test('record a remark, see it unplaced, consolidate it, undo', async () => {
  const dir = workdir('opinions')
  const db = path.join(dir, 'demo.db')
  cli(['--db', db, 'demo'])
  const gov = JSON.parse(cli(['--db', db, 'reports', 'list', '--json'])).find((r) => r.kind === 'government')
  assert.ok(gov, 'the demo has a government report')

  const driver = await openWindow(db)
  try {
    await (await find(driver, 'nav-opinions')).click()
    await waitText(driver, 'unplaced-count', (t) => t.includes('全部发言意见已处理'))
    // With nothing unplaced, the board lists every remark of the report.
    await waitText(driver, 'remarks-total', (t) => /^\d+ 条$/.test(t) && t !== '0 条')
    await waitText(driver, 'opinion-55', (t) => t.includes('55.'))
    await screenshot(driver, 'opinions-board')

    // Reopen the list, then record a remark with the keyboard only.
    await (await find(driver, 'action-reopen')).click()
    await find(driver, 'action-finalise')
    await (await driver.findElement({ xpath: "//div[contains(@class,'el-tabs__item') and contains(., '记录发言')]" })).click()
    const input = await field(await find(driver, 'remark-speaker'), 'input')
    await input.sendKeys('A6028')
    await driver.wait(async () => (await driver.findElements({ css: '.el-autocomplete-suggestion li' })).length > 0, 10000)
    await input.sendKeys(Key.ENTER)
    await waitText(driver, 'remark-speaker-picked', (t) => t.includes('A6028'))
    const text = await field(await find(driver, 'remark-text'), 'textarea')
    await text.sendKeys('园区上下班高峰公交车太少，建议增开园区公交专线。')
    await text.sendKeys(Key.chord(Key.CONTROL, Key.ENTER))
    await waitText(driver, 'unplaced-count', (t) => t.includes('还有 1 条'))
    await screenshot(driver, 'opinions-entry')

    // Consolidate it into a new opinion, then undo.
    await (await driver.findElement({ xpath: "//div[contains(@class,'el-tabs__item') and contains(., '归纳整理')]" })).click()
    await waitText(driver, 'remarks-total', (t) => t === '1 条')
    const rows = await driver.findElements({ css: '[data-testid^="remark-check-"]' })
    await rows[rows.length - 1].click()
    await waitText(driver, 'selected-count', (t) => t === '已选 1 条')
    await (await find(driver, 'action-merge')).click()
    const topic = await field(await find(driver, 'merge-topic'), 'input')
    await topic.sendKeys('关于增设园区公交专线')
    await (await find(driver, 'merge-confirm')).click()
    await waitText(driver, 'unplaced-count', (t) => t.includes('全部发言意见已处理'))
    await waitText(driver, 'opinion-56', (t) => t.includes('关于增设园区公交专线'))
    await driver.wait(async () => !(await (await driver.findElement(byTestId('merge-confirm'))).isDisplayed()), 5000).catch(() => {})
    await screenshot(driver, 'opinions-merged')
    await (await find(driver, 'action-undo')).click()
    await waitText(driver, 'unplaced-count', (t) => t.includes('还有 1 条'))
    const left = await driver.findElements(byTestId('opinion-56'))
    assert.equal(left.length, 0, 'undo removed the new opinion')

    await (await find(driver, 'action-suggest')).click()
    await find(driver, 'suggestions-panel')
    const pair = await waitText(driver, 'suggestion-0', (t) => t.includes('公交车太少'))
    assert.ok(pair.includes('相似度'), 'the near-duplicate is explained')
    await screenshot(driver, 'opinions-suggestions')
    // The other remark is already in an item: add this one to it.
    await (await find(driver, 'suggest-into-0')).click()
    await waitText(driver, 'unplaced-count', (t) => t.includes('全部发言意见已处理'))

    // The speaker filter draws its options only when opened; the chosen speaker's name stays in
    // the box after it closes (not the speaker's number).
    await click(driver, 'filter-speaker')
    const option = await driver.wait(async () => {
      for (const o of await driver.findElements(By.css('.el-select-dropdown__item'))) if (await o.isDisplayed()) return o
      return false
    }, 10000, 'the speaker filter opened with its options')
    const speaker = (await option.getText()).trim()
    await driver.executeScript('arguments[0].click()', option)
    await waitText(driver, 'filter-speaker', (t) => t.includes(speaker))
    // Feedback: the demo's adoption figures, and an export.
    await (await driver.findElement({ xpath: "//div[contains(@class,'el-tabs__item') and contains(., '反馈与导出')]" })).click()
    const summary = await waitText(driver, 'feedback-summary', (t) => t.includes('采纳'))
    assert.match(summary, /共 55 条/, 'the government list has 55 items')
    await (await find(driver, 'export-xlsx')).click()
    const where = await waitText(driver, 'export-path', (t) => t.endsWith('.xlsx'))
    assert.ok(where.includes('关于《政府工作报告》的协商意见'), where)
    await screenshot(driver, 'opinions-feedback')
  } catch (e) {
    await screenshot(driver, 'opinions-failure').catch(() => {})
    throw e
  } finally {
    await driver.quit()
  }
})
