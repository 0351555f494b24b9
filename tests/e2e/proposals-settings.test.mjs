// 提案设置 and 交办函 in the real window, on the demo: the clerk adds a handling unit in the
// settings (Enter pressed twice adds it once) and shortens the default deadline, assigns a filed
// proposal to the new unit as a key proposal with the chair who follows it (督办, found by the
// member search), then writes the unit's 交办函 where the save dialog says; the PDF lists the
// proposal.
import { after, test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { By, Key, until } from 'selenium-webdriver'
import { click, cli, field, find, openWindow, pickOption, screenshot, stopDriver, typeIntoDialog, waitText, workdir } from './harness.mjs'

after(stopDriver)

/** 'YYYY-MM-DD' `n` months after `d`, the last day of a shorter month (as the core counts). */
function monthsAfter(d, n) {
  const [y, m, day] = d.split('-').map(Number)
  const last = new Date(Date.UTC(y, m - 1 + n + 1, 0)).getUTCDate()
  const t = new Date(Date.UTC(y, m - 1 + n, Math.min(day, last)))
  return t.toISOString().slice(0, 10)
}

test('a unit added in the settings takes a key proposal and gets its 交办函', async () => {
  const dir = workdir('proposals-settings')
  const db = path.join(dir, 'demo.db')
  cli(['--db', db, 'demo'])
  const title = '关于建设城市数据中心的建议'
  const added = JSON.parse(cli(['--db', db, 'proposals', 'add', '--session', '六届四次会议', '--title', title,
    '--category', '经济建设', '--submitter', 'A6010', '--received', '2020-03-02', '--json']))
  cli(['--db', db, 'proposals', 'review', String(added.id), '--file', '--date', '2020-03-10'])
  const unit = '市数据局'
  const target = path.join(dir, 'letter.pdf')

  const driver = await openWindow(db)
  try {
    await click(driver, 'nav-proposals')
    await waitText(driver, 'proposal-count', (t) => t === '共 203 件')

    // 设置: a new unit, Enter pressed twice (the second finds the field empty and adds nothing).
    await click(driver, 'proposal-settings')
    await find(driver, 'proposal-settings-dialog')
    const name = await field(await find(driver, 'unit-new-name'), 'input')
    await name.sendKeys(unit, Key.ENTER)
    await name.sendKeys(Key.ENTER)
    await driver.wait(async () => (await name.getAttribute('value')) === '', 10000, 'the field empties once the unit is added')
    const units = JSON.parse(cli(['--db', db, 'proposals', 'units', 'list', '--json']))
    assert.equal(units.filter((u) => u.name === unit).length, 1, 'the unit is added once')
    const unitId = units.find((u) => u.name === unit).id
    const shown = await field(await find(driver, `unit-name-${unitId}`), 'input')
    assert.equal(await shown.getAttribute('value'), unit, 'the new unit is listed')
    await screenshot(driver, 'proposals-settings-units')

    // The default deadline: two months instead of three.
    await (await driver.findElement(By.xpath("//div[contains(@class,'el-tabs__item')][normalize-space(.)='类别、答复与期限']"))).click()
    // The down arrow beside the number: 3 → 2.
    await (await (await find(driver, 'settings-deadline')).findElement(By.css('.el-input-number__decrease'))).click()
    const months = await field(await find(driver, 'settings-deadline'), 'input')
    await driver.wait(async () => (await months.getAttribute('value')) === '2', 5000, 'the deadline shows 2 months')
    await click(driver, 'settings-save')
    await driver.wait(until.elementLocated(By.xpath("//*[contains(@class,'el-message')][contains(.,'提案设置已保存')]")), 10000,
      'the settings are saved')
    await screenshot(driver, 'proposals-settings-general')
    await click(driver, 'settings-close')

    // 交办: the new unit leads, a key proposal followed by the chair found by the member search.
    await (await field(await find(driver, 'proposal-query'), 'input')).sendKeys('数据中心')
    await waitText(driver, 'proposal-count', (t) => t === '共 1 件')
    await click(driver, `proposal-row-${added.id}`)
    await waitText(driver, 'detail-stage', (t) => t === '已立案待交办')
    await click(driver, 'action-assign')
    await pickOption(driver, 'assign-lead', unit)
    await click(driver, 'assign-key')
    const chair = await field(await find(driver, 'assign-supervisor'), 'input')
    await chair.sendKeys('A6001')
    await driver.wait(async () => (await driver.findElements({ css: '.el-autocomplete-suggestion li' })).length > 0, 10000)
    await chair.sendKeys(Key.ENTER)
    await waitText(driver, 'assign-supervisor-chosen', (t) => t.includes('姚涵刚'))
    await click(driver, 'action-confirm')
    await waitText(driver, 'detail-stage', (t) => t === '办理中')
    await waitText(driver, 'detail-units', (t) => t.includes(unit))
    await waitText(driver, 'detail-supervisor', (t) => t.includes('姚涵刚'))
    const shownProposal = JSON.parse(cli(['--db', db, 'proposals', 'show', String(added.id), '--json']))
    assert.equal(shownProposal.deadline, monthsAfter(shownProposal.assigned_on, 2), 'two months after the assignment, as set')
    assert.equal(shownProposal.supervisor_name, '姚涵刚')
    assert.equal(shownProposal.key_proposal, true)
    await (await driver.findElement(By.css('.el-drawer__close-btn'))).click()

    // 交办函: the unit's letter, written where the save dialog says.
    await click(driver, 'proposal-print')
    await click(driver, 'proposal-print-letter')
    await waitText(driver, `letter-unit-${unitId}`, (t) => t === unit)
    await screenshot(driver, 'proposals-letter-dialog')
    await click(driver, `letter-save-as-${unitId}`)
    await typeIntoDialog('交办函保存到', [{ key: 'ctrl+a' }, { type: target }, { key: 'Return' }])
    const result = await find(driver, 'export-result', 30000)
    await driver.wait(async () => (await result.getAttribute('data-path')) === target, 20000, `the export names ${target}`)
    assert.ok(existsSync(target), 'the letter is where the save dialog said')
    const text = execFileSync('pdftotext', ['-layout', target, '-'], { encoding: 'utf8' }).replace(/\s+/g, '')
    assert.ok(text.includes(`${unit}：`), `addressed to the unit: ${text.slice(0, 300)}`)
    assert.ok(text.includes('数据中心'), `the unit's proposal is listed: ${text.slice(0, 600)}`)
    assert.ok(text.includes('提案1件') && text.includes('主办1件'), `one proposal, led by the unit: ${text.slice(0, 600)}`)
    assert.ok(text.includes('2个月内'), `the deadline as set: ${text.slice(0, 600)}`)
    await screenshot(driver, 'proposals-letter-exported')
  } catch (e) {
    await screenshot(driver, 'proposals-settings-failure').catch(() => {})
    throw e
  } finally {
    await driver.quit()
  }
})
