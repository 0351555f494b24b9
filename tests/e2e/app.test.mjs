// The window opens on the demo committee and on a new, empty file; all through the real app.
import { after, test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { By, until } from 'selenium-webdriver'
import path from 'node:path'
import { cli, find, openWindow, screenshot, stopDriver, waitText, workdir } from './harness.mjs'

after(stopDriver)

test('the window shows the demo committee with its member count', async () => {
  const dir = workdir('demo')
  const db = path.join(dir, 'demo.db')
  cli(['--db', db, 'demo'])
  const info = JSON.parse(cli(['--db', db, 'info', '--json']))
  assert.ok(info.members > 150, `the demo has a real roster, got ${info.members} members`)

  const driver = await openWindow(db)
  try {
    const name = await waitText(driver, 'committee-name', (t) => t.length > 0)
    assert.equal(name, '政协安宁市第六届委员会', 'committee name on the home page')
    const members = await waitText(driver, 'member-count', (t) => /^\d+$/.test(t))
    assert.equal(Number(members), info.members, 'member count shown equals `huiwu info`')
    const header = await waitText(driver, 'header-committee', (t) => t.length > 0)
    assert.equal(header, '政协安宁市第六届委员会')
    // 备份数据库: a complete copy lands in the export folder and the dialog says where.
    await (await find(driver, 'home-backup')).click()
    const box = await driver.wait(until.elementLocated(By.css('.el-message-box')), 15000, 'the backup dialog opens')
    await driver.wait(until.elementIsVisible(box), 15000)
    let message = ''
    await driver.wait(async () => { message = await box.getText(); return /\.db/.test(message) }, 15000)
      .catch(() => { throw new Error(`the backup dialog names no .db file: ${JSON.stringify(message)}`) })
    const backup = (/(\/\S+\.db)/.exec(message) ?? [])[1]
    assert.ok(backup && existsSync(backup), `the backup file named in the dialog exists: ${message}`)
    assert.deepEqual(JSON.parse(cli(['--db', backup, 'info', '--json'])), info, 'the backup holds the same committee')
    rmSync(backup)
    await box.findElement(By.css('.el-message-box__btns button')).click()
    const file = await screenshot(driver, 'home')
    assert.ok(existsSync(file), `screenshot written to ${file}`)
    console.log(`screenshot: ${file}`)
  } finally {
    await driver.quit()
  }
})

test('a new file offers to create a committee or open the demo', async () => {
  const dir = workdir('first-run')
  const db = path.join(dir, 'new.db')
  const driver = await openWindow(db)
  try {
    await find(driver, 'first-run')
    await screenshot(driver, 'first-run')
    await (await find(driver, 'open-demo')).click()
    const name = await waitText(driver, 'committee-name', (t) => t.length > 0, 60000)
    assert.equal(name, '政协安宁市第六届委员会', 'the demo opened in the window')
  } finally {
    await driver.quit()
  }
  const info = JSON.parse(cli(['--db', db, 'info', '--json']))
  assert.equal(info.committee.name, '政协安宁市第六届委员会', 'the demo was written to the chosen file')
})

test('creating an empty committee from the first-run form', async () => {
  const dir = workdir('create')
  const db = path.join(dir, 'county.db')
  const driver = await openWindow(db)
  try {
    // Element Plus puts the data-testid of <el-input> on the <input> itself.
    await (await find(driver, 'committee-name-input')).sendKeys('政协测试县第九届委员会')
    await (await find(driver, 'create-committee')).click()
    const name = await waitText(driver, 'committee-name', (t) => t.length > 0)
    assert.equal(name, '政协测试县第九届委员会')
    assert.equal(await waitText(driver, 'member-count', (t) => /^\d+$/.test(t)), '0', 'a new committee has no members')
  } finally {
    await driver.quit()
  }
  const info = JSON.parse(cli(['--db', db, 'info', '--json']))
  assert.equal(info.committee.term_number, 9, 'the term was read from the name 第九届')
  assert.equal(info.committee.short_name, '测试县政协')
})

test('a database written by a newer Huiwu is refused with a clear message', async () => {
  const dir = workdir('newer')
  const db = path.join(dir, 'newer.db')
  cli(['--db', db, 'init', '--name', '政协测试县第九届委员会', '--term', '9'])
  // As if a later version of Huiwu had migrated the file: SQLite keeps user_version as a
  // big-endian 32-bit number at byte 60 of the file's header.
  const bytes = readFileSync(db)
  bytes.writeUInt32BE(999, 60)
  writeFileSync(db, bytes)
  const driver = await openWindow(db)
  try {
    const text = await waitText(driver, 'app-error', (t) => t.length > 0)
    assert.match(text, /无法打开数据库/, 'the window says it cannot open the file')
    assert.match(text, /升级/, 'and tells the user to upgrade Huiwu')
    assert.match(text, /db_too_new/, 'with the error code for support')
    await screenshot(driver, 'db-too-new')
  } finally {
    await driver.quit()
  }
})

test('the background check flags a damaged file on the home page', async () => {
  const dir = workdir('damaged')
  const db = path.join(dir, 'damaged.db')
  cli(['--db', db, 'init', '--name', '政协测试县第九届委员会', '--term', '9'])
  // Damage that every page still reads past: an index pointed at another table's pages. Only the
  // whole-file check sees it, and the window no longer makes that check before it opens.
  const script = `
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.executescript("""
CREATE TABLE zz (x INTEGER); CREATE INDEX zz_x ON zz (x);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500) INSERT INTO zz SELECT i FROM n;
PRAGMA writable_schema = ON;
UPDATE sqlite_master SET rootpage = (SELECT rootpage FROM sqlite_master WHERE name = 'zz') WHERE name = 'zz_x';
""")
c.close()
`
  execFileSync('python3', ['-c', script, db])
  const driver = await openWindow(db)
  try {
    await find(driver, 'committee-name')
    const text = await waitText(driver, 'integrity-warning', (t) => t.includes('检查发现问题'), 60000)
    assert.match(text, /备份文件恢复/, 'the warning says what to do')
    await screenshot(driver, 'integrity-warning')
  } finally {
    await driver.quit()
  }
})
