// The check-in desk in the real window: twenty members checked in by keyboard (member number +
// Enter into the one focused input), a leave recorded through the dialog, and the panel's counts
// read and compared with the headless `huiwu attendance --json`. Also measures Enter → updated
// panel in the window and prints it.
import { after, test } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import { Key } from 'selenium-webdriver'
import { cli, find, openWindow, screenshot, stopDriver, waitText, workdir } from './harness.mjs'

after(stopDriver)

function sittingsOf(db) {
  return JSON.parse(cli(['--db', db, 'sittings', 'list', '--json']))
}

test('check in twenty members by keyboard, record a leave, read the panel', async () => {
  const dir = workdir('attendance')
  const db = path.join(dir, 'demo.db')
  cli(['--db', db, 'demo'])
  const opening = sittingsOf(db).find((s) => s.date === '2021-01-19' && s.title === '开幕会')
  assert.ok(opening, 'the demo has the opening of 六届五次会议 on 2021-01-19')
  const before = JSON.parse(cli(['--db', db, 'attendance', '--sitting', String(opening.id), '--json']))
  const waiting = before.rows.filter((r) => r.expected && r.status === 'not_arrived' && r.card.member_no)
  assert.ok(waiting.length > 25, 'enough members not yet arrived')
  const twenty = waiting.slice(0, 20)
  const leaver = waiting[20]

  const driver = await openWindow(db)
  try {
    await find(driver, 'committee-name', 30000)
    await driver.executeScript(`location.hash = '#/attendance?sitting=${opening.id}'`)
    assert.equal(Number(await waitText(driver, 'panel-expected', (t) => /^\d+$/.test(t))), before.expected, '应到 as the CLI says')
    const input = await find(driver, 'checkin-input')
    const timings = []
    for (let i = 0; i < twenty.length; i++) {
      const active = await driver.switchTo().activeElement()
      assert.equal(await active.getAttribute('data-testid'), 'checkin-input', 'the one input keeps the focus')
      await active.sendKeys(twenty[i].card.member_no)
      const t0 = Date.now()
      await active.sendKeys(Key.ENTER)
      await waitText(driver, 'panel-present', (t) => Number(t) === i + 1, 10000)
      timings.push(Date.now() - t0)
      const name = await waitText(driver, 'checkin-confirmation-name', (t) => t.length > 0)
      assert.equal(name, twenty[i].card.name, 'the confirmation names who was checked in')
    }
    timings.sort((a, b) => a - b)
    console.log(`Enter → updated panel in the window: p50 ${timings[10]} ms, max ${timings[timings.length - 1]} ms (20 check-ins, includes WebDriver polling)`)
    assert.equal(await input.getAttribute('value'), '', 'after the last check-in the input is empty, ready for the next person')
    assert.equal(await (await driver.switchTo().activeElement()).getAttribute('data-testid'), 'checkin-input', 'and it still has the focus')

    await (await find(driver, 'leave-open')).click()
    await (await find(driver, 'leave-member-input')).sendKeys(leaver.card.member_no)
    await (await find(driver, 'leave-member-option-0')).click()
    await find(driver, 'leave-member-chosen')
    await (await find(driver, 'leave-reason')).sendKeys('住院治疗')
    await (await find(driver, 'leave-approver')).sendKeys('姚涵刚')
    await (await find(driver, 'leave-save')).click()
    await waitText(driver, 'panel-leave', (t) => Number(t) === before.on_leave + 1)

    const expected = Number(await waitText(driver, 'panel-expected', (t) => /^\d+$/.test(t)))
    const present = Number(await waitText(driver, 'panel-present', (t) => /^\d+$/.test(t)))
    const leave = Number(await waitText(driver, 'panel-leave', (t) => /^\d+$/.test(t)))
    const missing = Number(await waitText(driver, 'panel-missing', (t) => /^\d+$/.test(t)))
    assert.equal(present, 20)
    assert.equal(expected - present - leave, missing, '未到 = 应到 − 实到 − 请假')
    const met = await (await find(driver, 'panel-threshold')).getAttribute('data-met')
    assert.equal(met, 'no', '20 present is not a quorum')
    await screenshot(driver, 'attendance-desk')
  } finally {
    await driver.quit()
  }
  const after = JSON.parse(cli(['--db', db, 'attendance', '--sitting', String(opening.id), '--json']))
  assert.equal(after.present, 20, 'the window\'s check-ins are on disk')
  assert.equal(after.on_leave, before.on_leave + 1)
})
