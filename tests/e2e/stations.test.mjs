// Stations (分站) in the real window: a desk's hand-back merged on the 分站 page (chosen in the GTK
// open dialog; a preview with the counts first, then the conflict list), and the hall display
// (大屏) opened as a second window, showing the counts and following a check-in at this laptop's
// desk within a second or two (an event, not the 5-second poll).
import { after, test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { Key } from 'selenium-webdriver'
import { cli, click, find, openWindow, screenshot, stopDriver, waitText, workdir } from './harness.mjs'

after(stopDriver)

function xdotool(args) {
  return execFileSync('xdotool', args, { encoding: 'utf8', timeout: 20000 }).trim()
}

/** Types a path into the GTK open dialog titled `title` (Ctrl+L opens its location field). */
async function openInDialog(title, file) {
  const id = xdotool(['search', '--sync', '--onlyvisible', '--name', title]).split('\n')[0]
  assert.ok(id, `the dialog «${title}» opened`)
  xdotool(['windowfocus', '--sync', id])
  await new Promise((r) => setTimeout(r, 800))
  xdotool(['key', '--clearmodifiers', 'ctrl+l'])
  await new Promise((r) => setTimeout(r, 300))
  xdotool(['type', '--delay', '20', file])
  await new Promise((r) => setTimeout(r, 300))
  xdotool(['key', '--clearmodifiers', 'Return'])
}

const json = (args) => JSON.parse(cli([...args, '--json']))

test('a desk hand-back is merged with a preview and its conflict listed; the hall display shows the counts', async () => {
  const dir = workdir('stations')
  const db = path.join(dir, 'master.db')
  const station = path.join(dir, 'station.db')
  const pkg = path.join(dir, 'desk.huiwu-station')
  const back = path.join(dir, 'desk.huiwu-back')
  cli(['--db', db, 'demo'])
  const sittings = json(['--db', db, 'sittings', 'list'])
  const opening = sittings.find((s) => s.date === '2021-01-19' && s.title === '开幕会')
  const listenIn = sittings.find((s) => s.date === '2021-01-19' && s.title.startsWith('列席'))
  assert.ok(opening && listenIn, 'the demo has the 2021-01-19 opening and the afternoon sitting')
  const rows = json(['--db', db, 'attendance', '--sitting', String(opening.id)]).rows
  const waiting = rows.filter((r) => r.expected && r.status === 'not_arrived' && r.card.member_no)
  const [m1, m2, m3] = waiting

  // The desk laptop: package, check-ins at both sittings, hand-back.
  json(['--db', db, 'station', 'export', '--desk', '--sitting', String(opening.id), '--sitting', String(listenIn.id), pkg])
  cli(['--db', station, '--operator', '签到员小李', 'station', 'open', pkg])
  cli(['--db', station, 'checkin', '--sitting', String(opening.id), m1.card.member_no])
  cli(['--db', station, 'checkin', '--sitting', String(listenIn.id), m2.card.member_no])
  cli(['--db', station, '--operator', '签到员小李', 'station', 'handback', back])
  // Meanwhile the secretariat closed the opening's attendance: that check-in is for a person to decide.
  cli(['--db', db, 'attendance', 'close', '--sitting', String(opening.id)])

  const driver = await openWindow(db)
  try {
    await find(driver, 'committee-name', 30000)
    await driver.executeScript(`location.hash = '#/stations?hall=${listenIn.id}'`)
    await find(driver, 'stations-page')
    await click(driver, 'station-merge-choose')
    await openInDialog('选择分站交回文件', back)
    const summary = await waitText(driver, 'station-merge-summary', (t) => t.includes('冲突'), 20000)
    assert.match(summary, /将写入 1 条/, `the preview counts what will be written: ${summary}`)
    assert.match(summary, /冲突 1 项/, summary)
    await click(driver, 'station-merge-confirm')
    await waitText(driver, 'station-merge-result', (t) => t.includes('已写入 1 条'))
    const list = await waitText(driver, 'station-conflicts', (t) => t.includes('考勤已在委员会文件中结束'))
    assert.ok(list.includes(m1.card.name), `the conflict names who checked in: ${list}`)
    assert.ok(list.includes('签到台'), list)
    await screenshot(driver, 'stations-conflicts')

    const expected = json(['--db', db, 'attendance', '--sitting', String(listenIn.id)])
    assert.equal(expected.present, 1, 'the merged check-in counts at the afternoon sitting')
    const main = await driver.getWindowHandle()
    await click(driver, 'hall-open')
    let hall = null
    await driver.wait(async () => {
      hall = (await driver.getAllWindowHandles()).find((h) => h !== main)
      return Boolean(hall)
    }, 20000, 'the hall display window opens')
    await driver.switchTo().window(hall)
    assert.equal(Number(await waitText(driver, 'hall-expected', (t) => /^\d+$/.test(t), 20000)), expected.expected, '应到')
    assert.equal(Number(await waitText(driver, 'hall-present', (t) => /^\d+$/.test(t))), 1, '实到')
    assert.equal(Number(await waitText(driver, 'hall-leave', (t) => /^\d+$/.test(t))), expected.on_leave, '请假')
    assert.match(await waitText(driver, 'hall-quorum', (t) => t.length > 0), /规定人数/)
    assert.equal(await waitText(driver, 'hall-title', (t) => t.length > 0), listenIn.title)
    await screenshot(driver, 'hall-display')

    // A check-in at this laptop's desk: the hall follows it well before its 5-second poll.
    await driver.switchTo().window(main)
    await driver.executeScript(`location.hash = '#/attendance?sitting=${listenIn.id}'`)
    await waitText(driver, 'panel-present', (t) => t === '1')
    const input = await find(driver, 'checkin-input')
    await input.sendKeys(m3.card.member_no)
    await input.sendKeys(Key.ENTER)
    await waitText(driver, 'panel-present', (t) => t === '2')
    const t0 = Date.now()
    await driver.switchTo().window(hall)
    await waitText(driver, 'hall-present', (t) => t === '2', 4000)
    console.log(`hall display followed the check-in within ${Date.now() - t0} ms (after switching windows)`)
    await screenshot(driver, 'hall-display-after-checkin')
  } finally {
    await driver.quit()
  }
})

test('a station file opened in the window says so above every page', async () => {
  const dir = workdir('stations-banner')
  const db = path.join(dir, 'master.db')
  const station = path.join(dir, 'station.db')
  const pkg = path.join(dir, 'desk.huiwu-station')
  cli(['--db', db, 'demo'])
  const opening = json(['--db', db, 'sittings', 'list']).find((s) => s.date === '2021-01-19' && s.title === '开幕会')
  json(['--db', db, 'station', 'export', '--desk', '--sitting', String(opening.id), pkg])
  cli(['--db', station, '--operator', '签到员小李', 'station', 'open', pkg])
  const driver = await openWindow(station)
  try {
    const banner = await waitText(driver, 'station-banner', (t) => t.includes('不是委员会文件'), 30000)
    assert.match(banner, /分站：签到台（开幕会）/, banner)
    await driver.executeScript(`location.hash = '#/attendance?sitting=${opening.id}'`)
    await find(driver, 'checkin-input')
    assert.match(await waitText(driver, 'station-banner', (t) => t.length > 0), /不是委员会文件/, 'still there on the desk page')
    await screenshot(driver, 'station-banner')
  } finally {
    await driver.quit()
  }
})
