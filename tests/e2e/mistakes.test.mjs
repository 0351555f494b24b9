// Fixing mistakes and setting up a plenary in the real window: a new session takes its term from
// the committee (第七届 → 7) and leads straight into its plenary, named and dated from it; an
// afternoon sitting starts at 14:30; a sitting and the meeting are edited, the sitting removed; a
// mistaken roster import is undone as one batch; removing a meeting with check-ins is refused with
// a message that says what depends on it.
import { after, test } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import { By, until } from 'selenium-webdriver'
import { byTestId, cli, click, clickWhenFree, find, openWindow, root, screenshot, stopDriver, waitText, workdir } from './harness.mjs'

after(stopDriver)

/** Element Plus puts a data-testid either on the input itself or on its wrapper. */
async function input(driver, id) {
  const el = await find(driver, id)
  return (await el.getTagName()).toLowerCase() === 'input' ? el : el.findElement(By.css('input'))
}
async function value(driver, id) {
  return (await input(driver, id)).getAttribute('value')
}
/** Waits until the innerText of [data-testid=id] satisfies pred (el-table's getText can come back empty). */
async function waitInner(driver, id, pred, ms = 15000) {
  let last = ''
  await driver.wait(async () => {
    const els = await driver.findElements(byTestId(id))
    last = els.length ? String(await driver.executeScript('return arguments[0].innerText', els[0])) : ''
    return pred(last)
  }, ms).catch(() => { throw new Error(`[data-testid=${id}] text stayed ${JSON.stringify(last)}`) })
  return last
}
/** What a select shows (its input holds only the filter text). */
async function shown(driver, id) {
  return (await (await find(driver, id)).getText()).trim()
}
async function type(driver, id, text) {
  const el = await input(driver, id)
  await el.sendKeys('\uE009a') // Ctrl+A: replace what is there
  await el.sendKeys(text)
}
/** The visible message box (confirm or alert). */
async function messageBox(driver, contains) {
  const xp = `//div[contains(@class,'el-message-box')][contains(., '${contains}')]`
  const box = await driver.wait(until.elementLocated(By.xpath(xp)), 15000, `no message box with «${contains}»`)
  await driver.wait(until.elementIsVisible(box), 5000)
  return box
}
async function confirmBox(driver, contains) {
  const box = await messageBox(driver, contains)
  await box.findElement(By.css('.el-message-box__btns .el-button--primary')).click()
  await driver.wait(until.stalenessOf(box), 10000).catch(() => {})
}
async function pickOption(driver, testId, label) {
  await (await find(driver, testId)).click()
  const opt = await driver.wait(
    until.elementLocated(By.xpath(`//li[contains(@class,'el-select-dropdown__item')][normalize-space(.)='${label}']`)),
    10000,
  )
  await driver.wait(until.elementIsVisible(opt), 5000)
  // The dropdown is still sliding open: click the option itself, not whatever covers it mid-animation.
  await driver.executeScript('arguments[0].click()', opt)
}

test('a plenary set up from its session; a sitting and the meeting edited; an import undone', async () => {
  const dir = workdir('mistakes')
  const db = path.join(dir, 'c.db')
  // The term left at its default 1, as a hurried clerk would; the name says 第七届.
  cli(['--db', db, 'init', '--name', '政协测试县第七届委员会', '--short-name', '测试县政协'])
  cli(['--db', db, 'members', 'import', '--joined-on', '2022-01-10', path.join(root, 'tests', 'fixtures', 'roster', 'messy.xls')])
  const driver = await openWindow(db)
  try {
    await click(driver, 'nav-meetings')
    await click(driver, 'session-new')
    assert.equal(await value(driver, 'session-term'), '7', '届次 comes from 第七届');
    assert.equal(await value(driver, 'session-number'), '1', 'the first session of the term')
    await type(driver, 'session-opened', '2026-01-12\uE007')
    await type(driver, 'session-closed', '2026-01-15\uE007')
    await screenshot(driver, 'mistakes-session-new')
    await click(driver, 'session-save')

    // Straight into the session's plenary, named and dated from it.
    await driver.wait(async () => (await value(driver, 'meeting-title')) === '政协测试县第七届委员会第一次会议', 15000,
      'the plenary takes its title from the committee and the session')
    assert.equal(await value(driver, 'meeting-start'), '2026-01-12', 'and its dates, not 2026-01-01')
    await screenshot(driver, 'mistakes-plenary-from-session')
    await click(driver, 'meeting-save')
    await find(driver, 'meeting-page')

    // A first sitting in the morning, then a second one: the afternoon, at 14:30.
    await click(driver, 'sitting-new')
    await type(driver, 'sitting-title', '开幕会')
    assert.equal(await shown(driver, 'sitting-start'), '09:00')
    await click(driver, 'sitting-save')
    await waitInner(driver, 'sittings-table', (t) => t.includes('开幕会'))
    await click(driver, 'sitting-new')
    assert.equal(await value(driver, 'sitting-date'), '2026-01-12', 'the same day…')
    assert.equal(await shown(driver, 'sitting-start'), '14:30', '…in the afternoon, at 14:30')
    await pickOption(driver, 'sitting-half-day', '上午')
    assert.equal(await shown(driver, 'sitting-start'), '09:00', 'back to the morning: 09:00')
    await pickOption(driver, 'sitting-half-day', '下午')
    assert.equal(await shown(driver, 'sitting-start'), '14:30', 'a 下午 sitting does not keep 09:00')
    await type(driver, 'sitting-title', '第一组分组讨论（误建）')
    await click(driver, 'sitting-save')
    await waitInner(driver, 'sittings-table', (t) => t.includes('误建') && t.includes('14:30'))

    // Edit the opening sitting's venue.
    await clickWhenFree(driver, await driver.findElement(By.xpath("//*[@data-testid='sittings-table']//tr[contains(., '开幕会')]/td[3]")), "//*[@data-testid='sittings-table']//tr[contains(., '开幕会')]/td[3]")
    await type(driver, 'sitting-venue', '测试县会堂')
    await click(driver, 'sitting-save')
    await waitInner(driver, 'sittings-table', (t) => t.includes('测试县会堂'))

    // Remove the mistaken sitting.
    await clickWhenFree(driver, await driver.findElement(By.xpath("//*[@data-testid='sittings-table']//tr[contains(., '误建')]/td[3]")), "//*[@data-testid='sittings-table']//tr[contains(., '误建')]/td[3]")
    await screenshot(driver, 'mistakes-sitting-edit')
    await click(driver, 'sitting-delete')
    await confirmBox(driver, '删除场次')
    await waitInner(driver, 'sittings-table', (t) => !t.includes('误建') && t.includes('开幕会'))

    // Edit the meeting.
    await click(driver, 'meeting-edit')
    await type(driver, 'meeting-venue', '测试县会堂')
    await screenshot(driver, 'mistakes-meeting-edit')
    await click(driver, 'meeting-edit-save')
    await waitText(driver, 'meeting-page', (t) => t.includes('测试县会堂'))

    // The list counts the new meeting.
    await clickWhenFree(driver, await driver.findElement(By.xpath("//button[contains(., '← 会议')]")), "//button[contains(., '← 会议')]")
    await waitText(driver, 'meetings-counts', (t) => t.includes('共 1 个会议'))

    // Undo the roster import.
    await click(driver, 'nav-roster')
    await waitText(driver, 'roster-count', (t) => t === '共 5 人')
    await click(driver, 'roster-imports')
    await waitInner(driver, 'imports-table', (t) => t.includes('messy.xls') && t.includes('新增 5 人'))
    await screenshot(driver, 'mistakes-imports')
    await click(driver, 'import-undo')
    await screenshot(driver, 'mistakes-import-undo-confirm')
    await confirmBox(driver, '撤销导入')
    await waitInner(driver, 'imports-table', (t) => t.includes('撤销'))
    await waitText(driver, 'roster-count', (t) => t === '共 0 人')
    const out = JSON.parse(cli(['--db', db, 'imports', 'list', '--json']))
    assert.ok(out[0].undone_at, 'the batch is recorded as undone')
  } catch (e) {
    await screenshot(driver, 'mistakes-failure')
    throw e
  } finally {
    await driver.quit()
  }
})

test('removing a meeting whose sittings have check-ins is refused and says why', async () => {
  const dir = workdir('mistakes-refused')
  const db = path.join(dir, 'demo.db')
  cli(['--db', db, 'demo'])
  const meetings = JSON.parse(cli(['--db', db, 'meetings', 'list', '--kind', 'plenary', '--json']))
  const plenary = meetings.find((m) => m.start_date.startsWith('2020'))
  const driver = await openWindow(db)
  try {
    await driver.executeScript(`window.location.hash = '#/meetings/${plenary.id}'`)
    await find(driver, 'meeting-page')
    await click(driver, 'meeting-delete')
    await confirmBox(driver, '删除会议')
    const box = await messageBox(driver, '不能删除')
    const text = await box.getText()
    assert.match(text, /签到记录 \d+ 条/, `the refusal names the check-ins: ${text}`)
    await screenshot(driver, 'mistakes-meeting-delete-refused')
    await box.findElement(By.css('.el-message-box__btns button')).click()
    await find(driver, 'sittings-table')
  } finally {
    await driver.quit()
  }
})
