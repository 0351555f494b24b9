// The native file dialogs, driven as a clerk would with the keyboard: WebDriver cannot see a GTK
// dialog, so xdotool finds it by its Chinese title, focuses it and types the path (Ctrl+L opens
// the location field of an open dialog; a save dialog's name field takes a whole path).
// One open dialog (选择名册文件 in the import wizard: the preview shows the file's rows) and one
// save dialog (备份到… on the home page, onto a file already there: GTK asks, the clerk accepts,
// and the copy replaces it and reads back).
import { after, test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { By, until } from 'selenium-webdriver'
import { cli, click, find, openWindow, screenshot, stopDriver, typeIntoDialog, waitText, workdir, xdotool } from './harness.mjs'

after(stopDriver)

/** Visible X windows larger than GTK's 1×1 helper windows. */
function visibleWindows() {
  const ids = xdotool(['search', '--onlyvisible', '--name', '']).split('\n').filter(Boolean)
  return ids.filter((id) => {
    const geometry = /Geometry: (\d+)x(\d+)/.exec(xdotool(['getwindowgeometry', id]))
    return geometry && Number(geometry[1]) > 50
  })
}

/** GTK asks before a save replaces a file: waits for that new, untitled window and accepts it
 *  (Return: 替换 is its default button). */
async function acceptReplace(before) {
  const end = Date.now() + 15000
  let asked = []
  while (Date.now() < end && !asked.length) {
    await new Promise((r) => setTimeout(r, 300))
    asked = visibleWindows().filter((id) => !before.includes(id))
  }
  assert.ok(asked.length, 'the save dialog asks before replacing the file')
  xdotool(['windowfocus', '--sync', asked[0]])
  await new Promise((r) => setTimeout(r, 500))
  xdotool(['key', '--clearmodifiers', 'Return'])
}

test('a roster chosen in the open dialog is previewed; a backup goes where the save dialog says', async () => {
  const dir = workdir('dialogs')
  const db = path.join(dir, 'c.db')
  cli(['--db', db, 'init', '--name', '政协测试县第一届委员会'])
  const roster = path.join(dir, 'roster.csv')
  writeFileSync(roster, [
    '委员编号,姓名,性别,界别,小组,职务,联系电话,座位号',
    'A1,张伟,男,经济界,第一组,委员,13900000001,1排1号',
    'A2,李明,男,教育界,第二组,委员,13900000002,1排2号',
    'A3,周红,女,妇联,第一组,委员,13900000003,1排3号',
  ].join('\n') + '\n')
  // The USB stick already holds an older backup of that name: the clerk agrees to replace it.
  const backup = path.join(dir, 'usb-backup.db')
  writeFileSync(backup, 'an older file')

  const driver = await openWindow(db)
  try {
    // Open: 选择文件… in the import wizard, the path typed into the GTK open dialog.
    await (await find(driver, 'nav-roster')).click()
    await (await find(driver, 'roster-import')).click()
    await (await find(driver, 'import-choose')).click()
    await typeIntoDialog('选择名册文件', [{ key: 'ctrl+l' }, { type: roster }, { key: 'Return' }])
    const summary = await waitText(driver, 'import-summary', (t) => t.includes('新增 3'), 20000)
    assert.ok(summary.includes('新增 3'), summary)
    // textContent: the table may be below the fold, where getText sees nothing.
    const rows = await driver.executeScript(
      'return [...document.querySelectorAll(\'[data-testid="import-rows"] .el-table__body tr\')].map((r) => r.textContent)')
    assert.equal(rows.length, 3, 'one row per member in the file')
    assert.ok(rows.join('\n').includes('周红'), rows.join('\n'))
    const shown = await driver.executeScript(
      'const e = document.querySelector(\'[data-testid="import-path"]\'); return (e.tagName === "INPUT" ? e : e.querySelector("input")).value')
    assert.equal(shown, roster, 'the chosen path is shown')
    await screenshot(driver, 'dialogs-open')

    // Save: 备份到… on the home page, the file name typed into the GTK save dialog.
    await (await find(driver, 'nav-home')).click()
    await (await find(driver, 'home-backup-to')).click()
    await typeIntoDialog('备份到', [{ key: 'ctrl+a' }, { type: backup }])
    const before = visibleWindows()
    xdotool(['key', '--clearmodifiers', 'Return'])
    await acceptReplace(before)
    const box = await driver.wait(until.elementLocated(By.css('.el-message-box')), 20000, 'the backup is reported')
    await driver.wait(until.elementIsVisible(box), 15000)
    let message = ''
    await driver.wait(async () => { message = await box.getText(); return message.includes(backup) }, 15000)
      .catch(() => { throw new Error(`the report does not name ${backup}: ${JSON.stringify(message)}`) })
    assert.ok(existsSync(backup), 'the backup is where the save dialog said')
    assert.notEqual(readFileSync(backup, 'latin1').slice(0, 13), 'an older file', 'the older file was replaced, as confirmed')
    assert.deepEqual(JSON.parse(cli(['--db', backup, 'info', '--json'])), JSON.parse(cli(['--db', db, 'info', '--json'])),
      'the backup reads back as the same committee')
    await box.findElement(By.css('.el-message-box__btns button')).click()
  } finally {
    await driver.quit()
  }
})

test('另存为… on the 文件 page: the opinion list goes where the save dialog says, as Word when .docx is typed', async () => {
  const dir = workdir('dialogs-save-as')
  const db = path.join(dir, 'demo.db')
  cli(['--db', db, 'demo'])
  const gov = JSON.parse(cli(['--db', db, 'reports', 'list', '--json'])).find((r) => r.kind === 'government')
  assert.ok(gov, 'the demo has the government work report')
  // An ASCII name: xdotool types CJK characters through keysym remapping, which drops some when
  // the machine is busy.
  const target = path.join(dir, 'opinion-list.docx')

  const driver = await openWindow(db)
  try {
    await (await find(driver, 'nav-documents')).click()
    await click(driver, `report-save-as-${gov.id}`)
    await typeIntoDialog('导出意见清单到', [{ key: 'ctrl+a' }, { type: target }, { key: 'Return' }])
    const result = await find(driver, 'export-result', 30000)
    await driver.wait(async () => (await result.getAttribute('data-path')) === target, 20000, `the export names ${target}`)
    assert.ok(existsSync(target), 'the file is where the save dialog said')
    assert.equal(readFileSync(target).subarray(0, 2).toString('latin1'), 'PK', 'written as Word (a .docx is a zip), not as PDF')
    // Debian's own interpreter has python3-docx (a pyenv python on the PATH may not).
    const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3'
    const text = execFileSync(python, ['-c', 'import docx,sys; print("\\n".join(p.text for p in docx.Document(sys.argv[1]).paragraphs))', target], { encoding: 'utf8' })
    assert.ok(text.includes('政府工作报告'), `the Word file holds the list: ${text.slice(0, 200)}`)
    await screenshot(driver, 'dialogs-save-as')
  } finally {
    await driver.quit()
  }
})

test('导入登记表… on the 提案 page: a register chosen in the open dialog is checked row by row, and imported whole once clean', async () => {
  const dir = workdir('dialogs-register')
  const db = path.join(dir, 'demo.db')
  cli(['--db', db, 'demo'])
  const before = JSON.parse(cli(['--db', db, 'proposals', 'stats', '--json', '--session', '六届四次会议']))
  const bad = path.join(dir, 'bad.csv')
  writeFileSync(bad, '案题,提案人,类别,提交日期\n关于甲的建议,查无此人,社会建设,2020-02-01\n关于乙的建议,A6010,社会建设,2020-02-01\n')
  const good = path.join(dir, 'good.csv')
  writeFileSync(good, '案题,提案人,类别,提交日期\n关于增设社区托育点的建议,A6010,社会建设,2020-02-01\n关于老旧小区加装电梯的建议,A6010,社会建设,2020-02-02\n')

  const driver = await openWindow(db)
  try {
    await (await find(driver, 'nav-proposals')).click()
    // 导入登记表… is enabled once the page has chosen its session.
    await driver.wait(async () => {
      try {
        return await (await find(driver, 'proposal-import', 30000)).isEnabled()
      } catch (e) {
        if (e.name === 'StaleElementReferenceError') return false
        throw e
      }
    }, 30000, 'the 提案 page chose its session')
    await click(driver, 'proposal-import')
    await find(driver, 'register-choose', 30000)
    await click(driver, 'register-choose')
    await typeIntoDialog('选择提案登记表', [{ key: 'ctrl+l' }, { type: bad }, { key: 'Return' }])
    const summary = await waitText(driver, 'register-summary', (t) => t.includes('共 2 件'), 20000)
    assert.ok(summary.includes('1 行需要更正'), `the bad row is counted: ${summary}`)
    const rows = await driver.executeScript(
      'return [...document.querySelectorAll(\'[data-testid="register-rows"] .el-table__body tr\')].map((r) => r.textContent)')
    assert.ok(rows[0].includes('查无此人'), `the row names the problem: ${rows[0]}`)
    assert.equal(await (await find(driver, 'register-import-confirm')).isEnabled(), false, 'nothing can be imported while a row is wrong')

    await click(driver, 'register-choose')
    await typeIntoDialog('选择提案登记表', [{ key: 'ctrl+l' }, { type: good }, { key: 'Return' }])
    await waitText(driver, 'register-summary', (t) => t.includes('共 2 件') && !t.includes('更正'), 20000)
    await screenshot(driver, 'dialogs-register')
    await click(driver, 'register-import-confirm')
    await driver.wait(async () => {
      const open = await driver.findElements(By.css('[data-testid="register-import"]'))
      for (const el of open) {
        try {
          if (await el.isDisplayed()) return false
        } catch (e) {
          if (e.name !== 'StaleElementReferenceError') throw e
        }
      }
      return true
    }, 20000, 'the dialog closes')
    const after = JSON.parse(cli(['--db', db, 'proposals', 'stats', '--json', '--session', '六届四次会议']))
    assert.equal(after.received, before.received + 2, 'the two proposals of the register were imported')
    assert.equal(after.pending_review, (before.pending_review ?? 0) + 2, 'awaiting review')
  } finally {
    await driver.quit()
  }
})
