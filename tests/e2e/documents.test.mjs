// 文件 in the real window on a fresh demo: the hub lists the demo's 纪要 (first 主席会议 of 2020)
// and exports it to the export folder it names, the editor opens it with the core's page images, the body is edited and saved (checked with the
// headless CLI), a PDF is exported to a path of the test's choosing and read back with pdftotext
// (edited text and the 出席： line), a missing character is shown before export, «新建纪要»
// opens a draft for another meeting, and the font settings page draws each role's sample.
import { after, test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, readdirSync, unlinkSync } from 'node:fs'
import path from 'node:path'
import { By, Key, until } from 'selenium-webdriver'
import { cli, click, find, openWindow, screenshot, stopDriver, waitText, workdir } from './harness.mjs'

after(stopDriver)

/** The preview's page images once loaded: [naturalWidth, naturalHeight, src length] each. */
async function pageImages(driver) {
  return driver.executeScript(`
    return Array.from(document.querySelectorAll('[data-testid="minutes-page"]'))
      .filter(function (i) { return i.complete && i.naturalWidth > 0 })
      .map(function (i) { return [i.naturalWidth, i.naturalHeight, i.src.length, i.src.slice(-64)] })`)
}

async function waitPages(driver, pred, what) {
  let last = []
  await driver
    .wait(async () => pred((last = await pageImages(driver))), 20000)
    .catch(() => { throw new Error(`${what}: pages stayed ${JSON.stringify(last.map((p) => p.slice(0, 3)))}`) })
  return last
}

const squash = (s) => s.replace(/\s+/g, '')

test('文件: open the demo minutes, edit, save, export a PDF and read it back', async () => {
  const dir = workdir('documents')
  const db = path.join(dir, 'demo.db')
  cli(['--db', db, 'demo'])
  const saved = JSON.parse(cli(['--db', db, 'minutes', 'list', '--json']))
  assert.equal(saved.length, 1, 'the demo has one 纪要')
  const demo = saved[0]
  assert.equal(demo.meeting_kind, '主席会议', 'of a chairs council')
  assert.ok(demo.sitting_id && demo.date.startsWith('2020-'), 'of a 2020 sitting')
  const shown = JSON.parse(cli(['--db', db, 'minutes', 'show', '--sitting', String(demo.sitting_id), '--json']))
  assert.ok(shown.attendance.present.length > 0, 'the demo sitting has members present')

  const driver = await openWindow(db)
  try {
    await find(driver, 'committee-name', 30000)
    await (await find(driver, 'nav-documents')).click()
    await driver.wait(async () => (await driver.getCurrentUrl()).endsWith('#/documents'), 10000, 'the 文件 page opens')

    // The hub: the demo minutes with its meeting; the other printed documents are reachable.
    const table = await find(driver, 'minutes-table')
    const rowText = () => driver.executeScript('return document.querySelector(\'[data-testid="minutes-table"] .el-table__body\').textContent')
    await driver.wait(async () => (await rowText()).includes(demo.meeting_title), 10000, 'the minutes list names the meeting')
    const row = await rowText()
    assert.ok(row.includes(demo.mark) && row.includes('第1期') && row.includes(demo.date), `the row shows mark, issue and date: ${row}`)
    await find(driver, 'goto-opinions')
    await find(driver, 'goto-attendance')
    assert.match(await (await find(driver, 'documents-reports')).getText(), /政府工作报告/, 'the opinion lists are listed')
    await screenshot(driver, 'documents-hub')

    // Export from the list: the file goes to the export folder the page names, shown with it.
    const folder = await (await find(driver, 'export-folder')).getText()
    await click(driver, `minutes-pdf-${demo.id}`)
    const listed = await find(driver, 'export-result', 20000)
    const listedPath = await listed.getAttribute('data-path')
    assert.equal(path.dirname(listedPath), folder, 'written to the folder the page names')
    const usual = `${demo.mark}第1期-${demo.date}`
    assert.ok(path.basename(listedPath).startsWith(usual) && /-\d{8}-\d{6}(-\d+)?\.pdf$/.test(listedPath),
      `under the usual name with the date and time of the export: ${path.basename(listedPath)}`)
    assert.equal(readFileSync(listedPath).subarray(0, 4).toString('latin1'), '%PDF', 'a PDF')
    unlinkSync(listedPath)

    // Open the editor: the core's pages appear as images with A4 proportions.
    await (await find(driver, `minutes-edit-${demo.id}`)).click()
    await driver.wait(async () => (await driver.getCurrentUrl()).includes(`#/documents/minutes?sitting=${demo.sitting_id}`), 10000)
    const first = await waitPages(driver, (p) => p.length >= 1, 'the preview shows a page')
    for (const [w, h] of first) assert.ok(Math.abs(h / w - 297 / 210) < 0.01, `an A4 page: ${w}×${h}`)
    assert.equal(await waitText(driver, 'minutes-state', (t) => t.length > 0), '已保存')
    assert.match(await (await find(driver, 'minutes-attendance')).getText(), new RegExp(`出席 ${shown.attendance.present.length} 人`),
      'the attendance summary agrees with the CLI')

    // Edit the body: a new paragraph at the end.
    const added = '会议要求，秘书处于2020年1月10日前印发会议日程和会务手册。'
    const body = await find(driver, 'minutes-body')
    await body.click()
    await body.sendKeys(Key.chord(Key.CONTROL, Key.END))
    await body.sendKeys(Key.ENTER, added)
    assert.ok((await body.getAttribute('value')).endsWith(`\n${added}`), 'the paragraph is in the textarea')
    assert.equal(await waitText(driver, 'minutes-state', (t) => t !== '已保存'), '有未保存的修改')
    const before = first.map((p) => p[3]).join()
    await waitPages(driver, (p) => p.length >= 1 && p.map((x) => x[3]).join() !== before, 'the preview follows the edit')

    await (await find(driver, 'minutes-save')).click()
    await waitText(driver, 'minutes-state', (t) => t === '已保存')
    const after = JSON.parse(cli(['--db', db, 'minutes', 'show', '--sitting', String(demo.sitting_id), '--json']))
    assert.ok(after.saved && after.minutes.body.endsWith(added), 'the saved body has the new paragraph (read by the CLI)')

    // Export a PDF to a path chosen in 另存为.
    const pdf = path.join(dir, '主席会议纪要-e2e.pdf')
    await (await find(driver, 'minutes-save-as')).click()
    const where = await find(driver, 'save-as-path')
    await where.sendKeys(Key.chord(Key.CONTROL, 'a'), Key.BACK_SPACE)
    await where.sendKeys(pdf)
    await (await find(driver, 'save-as-go')).click()
    const result = await find(driver, 'export-result', 20000)
    assert.equal(await result.getAttribute('data-path'), pdf, 'the result names the file written')
    assert.equal(await (await find(driver, 'export-result-folder')).getText(), dir, 'and its folder')
    await find(driver, 'export-open-file')
    await find(driver, 'export-open-folder')
    assert.ok(existsSync(pdf), 'the PDF exists')
    assert.equal(readFileSync(pdf).subarray(0, 4).toString('latin1'), '%PDF', 'it is a PDF')
    const text = squash(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }))
    assert.ok(text.includes(squash(added)), 'the edited paragraph is in the PDF')
    assert.ok(text.includes(`出席：${shown.attendance.present[0]}`), `the 出席： line opens with ${shown.attendance.present[0]}`)
    assert.ok(text.includes(shown.attendance.present.join('、')), 'every name present, in order')
    // Scroll the preview to the last page, so the screenshot shows the attendance block.
    await driver.executeScript('const p = document.querySelector(\'[data-testid="minutes-preview-pages"]\'); p.scrollTop = p.scrollHeight')
    await screenshot(driver, 'documents-editor')

    // A character no font has is shown, and asked about, before export.
    // Pasted, as rare characters usually arrive (WebKitWebDriver's sendKeys drops private-use and
    // non-BMP characters): the textarea's value set and an input event sent, as a paste does.
    await driver.executeScript(`
      const t = document.querySelector('[data-testid="minutes-body"]')
      t.value = t.value + '私用\\uF8FF字'
      t.dispatchEvent(new Event('input', { bubbles: true }))`)
    const warn = await find(driver, 'minutes-warnings', 20000)
    assert.match(await warn.getText(), /U\+F8FF/, 'the warning names the code point')
    assert.match(await warn.getText(), /正文第\d+段第\d+字/, 'and the place')
    await screenshot(driver, 'documents-warning')
    await (await find(driver, 'minutes-export-pdf')).click()
    const box = await driver.wait(until.elementLocated(By.css('.el-message-box')), 10000)
    await driver.wait(until.elementIsVisible(box), 10000)
    assert.match(await box.getText(), /仍要导出/, 'export asks first')
    await (await box.findElement(By.xpath(".//button[contains(., '取消')]"))).click()
    await driver.wait(until.stalenessOf(box), 10000, 'the question goes away')

    // Leaving with unsaved changes asks; «不保存，离开» goes back to the hub.
    await click(driver, 'minutes-back')
    const leave = await driver.wait(until.elementLocated(By.xpath("//div[contains(@class,'el-message-box')][contains(., '未保存的修改')]")), 10000)
    await (await leave.findElement(By.xpath(".//button[contains(., '不保存')]"))).click()
    await driver.wait(until.stalenessOf(leave), 10000, 'the question goes away')
    await driver.wait(async () => (await driver.getCurrentUrl()).endsWith('#/documents'), 10000, 'back on the hub')
    const still = JSON.parse(cli(['--db', db, 'minutes', 'show', '--sitting', String(demo.sitting_id), '--json']))
    assert.ok(!still.minutes.body.includes('\uF8FF'), 'the unsaved character was not saved')

    // 新建纪要 for the second chairs council of 2020: a draft with the next issue number.
    await (await find(driver, 'minutes-new')).click()
    await click(driver, 'new-minutes-meeting')
    await driver.switchTo().activeElement().then((e) => e.sendKeys('第四十二次主席会议'))
    // The hub's sign-in select also holds (hidden) options naming this meeting: take the shown one.
    const option = await driver.wait(async () => {
      const all = await driver.findElements(By.xpath("//li[contains(@class,'el-select-dropdown__item')][contains(., '第四十二次主席会议')]"))
      for (const o of all) if (await o.isDisplayed()) return o
      return null
    }, 10000, 'the meeting is offered')
    await option.click()
    await click(driver, 'new-minutes-go')
    await driver.wait(async () => (await driver.getCurrentUrl()).includes('#/documents/minutes?sitting='), 10000)
    assert.equal(await waitText(driver, 'minutes-state', (t) => t.length > 0), '新纪要，尚未保存')
    await waitPages(driver, (p) => p.length >= 1, 'the new draft is previewed')
    assert.equal(await (await find(driver, 'minutes-issue')).findElement(By.css('input')).getAttribute('value'), '2',
      'the next issue of the same mark')
    await screenshot(driver, 'documents-new')

    // The font settings page draws a sample of every role from its font.
    await click(driver, 'minutes-back')
    await click(driver, 'open-font-settings')
    for (const role of ['fangsong', 'heiti', 'kaiti', 'xiaobiaosong', 'songti']) {
      const img = await find(driver, `font-sample-${role}`)
      await driver.wait(async () => Number(await img.getAttribute('naturalWidth')) > 0, 10000, `${role} sample drawn`)
    }
    await screenshot(driver, 'documents-fonts')
    assert.equal((await driver.findElements(By.css('.el-message--error'))).length, 0, 'no error message on the way')
  } catch (e) {
    await screenshot(driver, 'documents-failure').catch(() => {})
    throw e
  } finally {
    await driver.quit()
  }
})


test('打印 from the 文件 page: the print dialog sends the 纪要 to a CUPS printer and says so', async (t) => {
  const printer = process.env.HUIWU_TEST_PRINTER
  const out = process.env.HUIWU_TEST_PRINTER_OUT
  if (!printer || !out) {
    assert.ok(!process.env.CI, 'under CI the test printer must be set up (scripts/test-printer.sh, HUIWU_TEST_PRINTER)')
    t.skip('no CUPS test printer (HUIWU_TEST_PRINTER)')
    return
  }
  const dir = workdir('documents-print')
  const db = path.join(dir, 'demo.db')
  cli(['--db', db, 'demo'])
  const demo = JSON.parse(cli(['--db', db, 'minutes', 'list', '--json']))[0]
  const before = new Set(existsSync(out) ? readdirSync(out) : [])
  const driver = await openWindow(db)
  try {
    await find(driver, 'committee-name', 30000)
    await click(driver, 'nav-documents')
    await click(driver, `minutes-print-${demo.id}`)
    await find(driver, 'print-dialog', 20000)
    // The printers come from CUPS; the test printer is offered (and chosen: it is the only one).
    await driver.wait(async () => (await (await find(driver, 'print-printer')).getText()).includes(printer) ||
      (await driver.executeScript(`return document.querySelector('[data-testid="print-printer"] input')?.value ?? ''`)).includes(printer),
    15000, `the printer ${printer} is chosen`)
    // Element Plus puts the test id on the <input> itself or on its wrapper, depending on the component.
    const pages = await find(driver, 'print-pages')
    const pagesInput = (await pages.getTagName()) === 'input' ? pages : await pages.findElement(By.css('input'))
    await pagesInput.sendKeys('1')
    await screenshot(driver, 'documents-print-dialog')
    await click(driver, 'print-send')
    const said = await waitText(driver, 'export-result-printed', (s) => s.length > 0, 60000)
    assert.match(said, new RegExp(`已发送到打印机 ${printer}，共 1 页`), 'the window says where the job went and how many pages')
    // cups-pdf writes the job as a PDF: one new file appears.
    await driver.wait(() => readdirSync(out).some((f) => !before.has(f) && f.endsWith('.pdf')), 30000, 'cups-pdf wrote the job')
    await screenshot(driver, 'documents-printed')
  } catch (e) {
    await screenshot(driver, 'documents-print-failure').catch(() => {})
    throw e
  } finally {
    await driver.quit()
  }
})
