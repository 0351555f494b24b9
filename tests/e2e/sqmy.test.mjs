// 社情民意 in the real window on a fresh demo: the page shows the demo year's figures (82 items,
// 54 issues, as `huiwu sqmy stats` says), lists the issues, and exports an issue as PDF in the
// bulletin format (read back with pdftotext).
import { after, test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { By } from 'selenium-webdriver'
import { cli, click, find, openWindow, screenshot, stopDriver, waitText, workdir } from './harness.mjs'

after(stopDriver)

test('社情民意: the demo year\'s figures, the issues, an issue exported as PDF', async () => {
  const dir = workdir('sqmy')
  const db = path.join(dir, 'demo.db')
  cli(['--db', db, 'demo'])
  const stats = JSON.parse(cli(['--db', db, 'sqmy', 'stats', '--json', '--year', '2020']))
  assert.equal(stats.items, 82)
  assert.equal(stats.issues, 54)

  const driver = await openWindow(db)
  try {
    await find(driver, 'committee-name', 30000)
    await click(driver, 'nav-sqmy')
    const summary = await waitText(driver, 'sqmy-summary', (t) => t.includes('82'))
    assert.ok(summary.includes('收集信息 82 条') && summary.includes('编发《社情民意》54 期'), summary)
    assert.ok(summary.includes(`被采用 ${stats.adopted} 条`) && summary.includes(`获领导批示 ${stats.instructed} 条`), summary)
    // The register is virtualised: the core's first item of the year is drawn first, and fewer
    // rows than the year's 82 are in the page.
    const items = JSON.parse(cli(['--db', db, 'sqmy', 'list', '--json', '--year', '2020']))
    const register = await find(driver, 'sqmy-items')
    const rows = () => register.findElements(By.css('.el-table-v2__row'))
    let first = ''
    await driver.wait(async () => {
      const drawn = await rows()
      first = drawn.length ? await driver.executeScript('return arguments[0].innerText', drawn[0]) : ''
      return first.includes(items[0].title)
    }, 10000).catch(() => assert.fail(`the first row shows «${items[0].title}», not «${first}»`))
    const drawn = (await rows()).length
    assert.ok(drawn < items.length, `only the rows in view are drawn (${drawn} of ${items.length})`)
    await screenshot(driver, 'sqmy-items')
    const tabs = await driver.findElements(By.css('.el-tabs__item'))
    await tabs[1].click()
    await click(driver, 'sqmy-issue-pdf-1')
    const result = await find(driver, 'export-result', 30000)
    const pdf = await result.getAttribute('data-path')
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '')
    assert.match(text, /^社情民意第1期政协安宁市委员会办公室2020年\d{1,2}月\d{1,2}日/, 'the masthead: name, 第1期, the secretariat and a 2020 date')
    assert.ok(text.includes('报送：') && text.includes('抄送：'), 'the foot')
    await screenshot(driver, 'sqmy-issues')
  } finally {
    await driver.quit()
  }
})
