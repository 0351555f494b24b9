// 自动备份 in the window: the snapshot the window takes of the file it opened is listed with what it
// holds; after members are added from the command line, restoring it from the home page brings the
// roster back, keeps the state before the restore as a snapshot of its own, and the home page shows
// the restored figures.
import { after, test } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import { By } from 'selenium-webdriver'
import { click, cli, find, openWindow, root, screenshot, stopDriver, waitText, workdir } from './harness.mjs'

after(stopDriver)

const info = (db) => JSON.parse(cli(['--db', db, 'info', '--json']))
const snapshots = (db) => JSON.parse(cli(['--db', db, 'backup', 'list', '--json']))

test('a snapshot restored from the home page brings the roster back and keeps the present state', async () => {
  const dir = workdir('snapshots')
  const db = path.join(dir, 'demo.db')
  cli(['--db', db, 'demo'])
  const before = info(db).members_total
  const driver = await openWindow(db)
  try {
    await find(driver, 'committee-name', 30000)
    // The window takes its 打开时 snapshot a few seconds after opening.
    await driver.wait(() => snapshots(db).length > 0, 30000, 'the window took a snapshot of the file it opened')
    cli(['--db', db, 'members', 'import', path.join(root, 'tests', 'fixtures', 'roster', 'messy.xls')])
    const grown = info(db).members_total
    assert.ok(grown > before, `the import added members: ${before} → ${grown}`)

    await click(driver, 'home-snapshots')
    await find(driver, 'snapshots-dialog')
    // el-table's getText can come back empty: read its innerText.
    const tableText = () => driver.executeScript('return document.querySelector(\'[data-testid="snapshots-table"]\').innerText')
    await driver.wait(async () => (await tableText()).includes('打开时'), 15000, 'the snapshot is listed')
    const listed = await tableText()
    assert.ok(listed.includes(`委员 ${before}`), `listed with what it holds: ${listed}`)
    await screenshot(driver, 'snapshots-list')
    await click(driver, 'snapshot-restore-0')
    const confirm = await driver.wait(async () => {
      for (const b of await driver.findElements(By.css('.el-message-box__btns .el-button--primary'))) if (await b.isDisplayed()) return b
      return null
    }, 10000, 'the restore is asked about first')
    await confirm.click()

    // The home page still showed the count from before the command-line import: wait for the
    // file itself, then for the page that was loaded again from it.
    await driver.wait(() => info(db).members_total === before, 20000, 'the file holds the snapshot\'s roster again')
    await waitText(driver, 'member-total', (t) => t === String(before), 20000)
    const list = snapshots(db)
    const aside = list.find((s) => s.reason === 'before_restore')
    assert.ok(aside, `the state before the restore was kept: ${JSON.stringify(list.map((s) => s.reason))}`)
    assert.equal(aside.counts.members, grown, 'holding the members added after the snapshot')
    await screenshot(driver, 'snapshots-restored')
  } catch (e) {
    await screenshot(driver, 'snapshots-failure').catch(() => {})
    throw e
  } finally {
    await driver.quit()
  }
})
