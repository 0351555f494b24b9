// 履职活动登记 in the real window: on the demo's 2020, a 视察课题 with two members found by the
// desk's search is added (after an empty title is refused naming the field) and the 年度统计
// figure for inspection topics goes up by one; 意见建议 pasted for a 协商在基层 activity are split,
// previewed and saved numbered after its two.
import { after, test } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import { By, Key, until } from 'selenium-webdriver'
import { click, cli, find, openWindow, screenshot, stopDriver, waitText, workdir } from './harness.mjs'

after(stopDriver)

/** Element Plus puts a data-testid either on the input itself or on its wrapper. */
async function field(el, tag) {
  return (await el.getTagName()).toLowerCase() === tag ? el : el.findElement({ css: tag })
}

async function option(driver, xpathText) {
  const opt = await driver.wait(
    until.elementLocated(By.xpath(`//li[contains(@class,'el-select-dropdown__item')][${xpathText}]`)),
    10000,
  )
  await driver.wait(until.elementIsVisible(opt), 5000)
  await driver.executeScript('arguments[0].click()', opt)
}

async function pickOption(driver, testId, label) {
  await click(driver, testId)
  await option(driver, `normalize-space(.)='${label}'`)
}

/** Types a member number into a remote member select and picks the member it finds. */
async function pickMember(driver, testId, memberNo) {
  await click(driver, testId)
  const input = await driver.switchTo().activeElement()
  await input.sendKeys(memberNo)
  await option(driver, `contains(., '${memberNo}')`)
  await input.sendKeys(Key.ESCAPE)
}

/** Waits for a cell of the table [data-testid=id] holding `text` (WebKit's element text leaves out
 *  some table cells, so the cells are found by their DOM text). */
async function cell(driver, id, text) {
  return driver.wait(
    until.elementLocated(By.xpath(`//*[@data-testid='${id}']//td[contains(., '${text}')]`)),
    15000,
    `no cell «${text}» in [data-testid=${id}]`,
  )
}

async function errorMessage(driver) {
  const msg = await driver.wait(until.elementLocated(By.css('.el-message--error .el-message__content')), 10000)
  return driver.executeScript('return arguments[0].textContent', msg)
}

/** The text of the newest error message once there are `n` or more. */
async function lastError(driver, n = 2) {
  await driver.wait(async () => (await driver.findElements(By.css('.el-message--error'))).length >= n, 10000)
  const all = await driver.findElements(By.css('.el-message--error .el-message__content'))
  return driver.executeScript('return arguments[0].textContent', all[all.length - 1])
}

test('a 视察课题 with two members entered on 履职活动登记 raises the 2020 inspection figure by one', async () => {
  const dir = workdir('year-entry')
  const db = path.join(dir, 'demo.db')
  cli(['--db', db, 'demo'])
  const before = JSON.parse(cli(['--db', db, 'year', '--year', '2020', '--json'])).figures.inspection_topics
  assert.equal(before, 5, 'the demo has five inspection topics in 2020')

  const driver = await openWindow(db)
  try {
    await click(driver, 'nav-year')
    await find(driver, 'year-page')
    await pickOption(driver, 'year-select', '2020年')
    await waitText(driver, 'figure-inspection_topics', (t) => t.includes(`${before}个`))

    await click(driver, 'year-tab-entry')
    await find(driver, 'year-entry')
    await cell(driver, 'duty-table', '视察螳螂川流域综合治理')

    await click(driver, 'duty-add')
    await find(driver, 'duty-dialog')
    await pickOption(driver, 'duty-kind', '视察课题')
    await click(driver, 'duty-save')
    assert.match(await errorMessage(driver), /名称/, 'an empty title is refused naming the field')
    await find(driver, 'duty-dialog')

    await (await field(await find(driver, 'duty-title'), 'input')).sendKeys('视察老旧小区改造工作')
    await click(driver, 'duty-save')
    assert.match(await lastError(driver), /开始日期/, 'a 2020 entry has no guessed date: it must be typed')
    const start = await field(await find(driver, 'duty-start'), 'input')
    await start.sendKeys('2020-06-01', Key.ENTER)
    const end = await field(await find(driver, 'duty-end'), 'input')
    await end.sendKeys('2020-06-02', Key.ENTER)
    await pickMember(driver, 'duty-members', 'A6003')
    await pickMember(driver, 'duty-members', 'A6010')
    await (await field(await find(driver, 'duty-report'), 'input')).sendKeys('关于老旧小区改造工作的视察报告')
    await screenshot(driver, 'year-entry-duty-dialog')
    const chips = await (await find(driver, 'duty-members')).findElements(By.css('.el-tag'))
    assert.equal(chips.length, 2, 'two members chosen')
    await click(driver, 'duty-save')
    await cell(driver, 'duty-table', '视察老旧小区改造工作')
    await cell(driver, 'duty-table', '2020-06-01 至 06-02')
    await screenshot(driver, 'year-entry-list')

    // 意见建议 of the first 协商在基层 activity, pasted as Word gives them.
    const consultation = await driver.wait(
      until.elementLocated(By.css("[data-testid^='consultation-duty-']")),
      10000,
    )
    await driver.executeScript('arguments[0].click()', consultation)
    await find(driver, 'items-dialog')
    await cell(driver, 'items-table', '第2条')
    const paste = await field(await find(driver, 'items-paste'), 'textarea')
    // As a paste from Word arrives: the whole text at once, with Windows line ends and a blank line.
    await driver.executeScript(
      "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', { bubbles: true }))",
      paste,
      '1. 建议加快老旧小区\r\n改造进度。\r\n\r\n2、建议完善社区养老服务。\r\n（三）建议增设充电桩。\r\n',
    )
    await click(driver, 'items-split')
    await waitText(driver, 'items-preview', (t) => t.includes('第5条'))
    await screenshot(driver, 'year-entry-items-preview')
    await click(driver, 'items-save')
    await cell(driver, 'items-table', '第5条')
    await cell(driver, 'items-table', '建议加快老旧小区改造进度。')
    await click(driver, 'item-feedback-3')
    await (await field(await find(driver, 'feedback-text'), 'textarea')).sendKeys('已纳入明年改造计划。')
    await click(driver, 'feedback-save')
    await cell(driver, 'items-table', '已纳入明年改造计划。')
    await screenshot(driver, 'year-entry-items')
    await driver.findElement(By.css("[data-testid='items-dialog'] .el-dialog__headerbtn")).click()

    await click(driver, 'year-tab-figures')
    await find(driver, 'year-page')
    await waitText(driver, 'figure-inspection_topics', (t) => t.includes(`${before + 1}个`))
    await waitText(driver, 'figure-grassroots_items', (t) => t.includes('33条'))
    await screenshot(driver, 'year-entry-figures')
  } finally {
    await driver.quit()
  }
  const after = JSON.parse(cli(['--db', db, 'year', '--year', '2020', '--json'])).figures
  assert.equal(after.inspection_topics, before + 1, 'the file holds the new topic')
})
