// 提案 in the real window: on the demo (202 received, 153 filed), a member's proposal is added with
// the desk's search, filed (第154号), assigned to a unit, answered and rated, and the statistics
// follow; a figure opens the proposals behind it.
import { after, test } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import { By, Key } from 'selenium-webdriver'
import { click, cli, field, find, openWindow, pickOption, screenshot, stopDriver, waitText, workdir } from './harness.mjs'

after(stopDriver)

test('a proposal goes through add → review → assign → answer → rate and the statistics follow', async () => {
  const dir = workdir('proposals')
  const db = path.join(dir, 'demo.db')
  cli(['--db', db, 'demo'])
  const driver = await openWindow(db)
  try {
    await click(driver, 'nav-proposals')
    await waitText(driver, 'proposal-count', (t) => t === '共 202 件')
    await screenshot(driver, 'proposals-register')

    await click(driver, 'proposal-add')
    const who = await field(await find(driver, 'proposal-submitter'), 'input')
    await who.sendKeys('A6010')
    await driver.wait(async () => (await driver.findElements({ css: '.el-autocomplete-suggestion li' })).length > 0, 10000)
    await who.sendKeys(Key.ENTER)
    await waitText(driver, 'proposal-submitter-0', (t) => t.includes('A6010'))
    await (await field(await find(driver, 'proposal-title'), 'input')).sendKeys('关于增设园区公交专线的建议')
    await (await field(await find(driver, 'proposal-case'), 'textarea')).sendKeys('园区上下班高峰公交车太少。')
    await click(driver, 'proposal-save')

    await waitText(driver, 'detail-stage', (t) => t === '待审查')
    await click(driver, 'action-review')
    await click(driver, 'action-confirm')
    await waitText(driver, 'detail-number', (t) => t === '第154号')

    await click(driver, 'action-assign')
    await pickOption(driver, 'assign-lead', '市交通运输局')
    await click(driver, 'action-confirm')
    await waitText(driver, 'detail-stage', (t) => t === '办理中')
    await waitText(driver, 'detail-units', (t) => t.includes('市交通运输局'))

    await click(driver, 'action-answer')
    await click(driver, 'answer-class-B')
    await (await field(await find(driver, 'answer-text'), 'textarea')).sendKeys('已将园区公交专线列入明年计划。')
    await click(driver, 'action-confirm')
    await waitText(driver, 'detail-stage', (t) => t === '已答复待评价')

    await click(driver, 'action-rate')
    await click(driver, 'action-confirm')
    await waitText(driver, 'detail-stage', (t) => t === '已评价')
    await screenshot(driver, 'proposals-detail')

    await (await driver.findElement(By.css('.el-drawer__close-btn'))).click()
    await click(driver, 'tab-stats')
    await waitText(driver, 'stat-received', (t) => t.includes('203件'))
    const filed = await waitText(driver, 'stat-filed', (t) => t.includes('154件'))
    assert.match(filed, /立案率 75\.9%/, 'the filing rate follows: 154 / 203')
    await waitText(driver, 'stat-rated', (t) => t.includes('154件'))
    await screenshot(driver, 'proposals-stats')
    await click(driver, 'stat-filed')
    await waitText(driver, 'proposal-count', (t) => t === '共 154 件')
    await waitText(driver, 'figure-tag', (t) => t.includes('立案'))

    const stats = JSON.parse(cli(['--db', db, 'proposals', 'stats', '--json', '--session', '六届四次会议']))
    assert.equal(stats.answered, 154, 'the CLI sees the answer recorded in the window')
  } catch (e) {
    await screenshot(driver, 'proposals-failure').catch(() => {})
    throw e
  } finally {
    await driver.quit()
  }
})
