// 简报 in the real window on a fresh demo: the page lists the demo's two bulletins of 六届四次会议;
// «新建简报» opens 第3期, the composer picks a group-discussion sitting, ticks two remarks and
// drafts «<name>委员说：……» grouped by group; the title and body are edited; «导出 PDF» saves and
// writes the PDF, read back with pdftotext (the name, 第3期, the speakers, the edit); the CLI
// sees the third bulletin with its two remarks; the 文件 hub lists it.
import { after, test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { By, Key } from 'selenium-webdriver'
import { cli, click, find, openWindow, screenshot, stopDriver, waitText, workdir } from './harness.mjs'

after(stopDriver)

const squash = (s) => s.replace(/\s+/g, '')

test('简报: compose from a group sitting\'s remarks, edit, export the PDF and read it back', async () => {
  const dir = workdir('bulletins')
  const db = path.join(dir, 'demo.db')
  cli(['--db', db, 'demo'])
  const demo = JSON.parse(cli(['--db', db, 'bulletins', 'list', '--json']))
  assert.deepEqual(demo.map((b) => b.number), [1, 2], 'the demo holds two bulletins')
  const name = demo[0].name

  const driver = await openWindow(db)
  try {
    await find(driver, 'committee-name', 30000)
    await click(driver, 'nav-bulletins')
    await waitText(driver, 'bulletins-table', (t) => t.includes('第1期') && t.includes('第2期'))
    await click(driver, 'bulletin-new')
    await waitText(driver, 'bulletin-issue', (t) => t.includes('第3期'))
    assert.equal(await (await find(driver, 'bulletin-name')).getAttribute('value'), name, 'the series name carried over')

    // Pick the first group-discussion sitting with remarks, tick its first two remarks.
    await find(driver, 'bulletin-sittings')
    const sitting = (await driver.findElements(By.css('[data-testid^="bulletin-sitting-"]')))[0]
    await sitting.click()
    await find(driver, 'bulletin-remarks')
    await driver.wait(async () => (await driver.findElements(By.css('[data-testid^="bulletin-remark-"]'))).length >= 2, 10000)
    const boxes = await driver.findElements(By.css('[data-testid^="bulletin-remark-"]'))
    await boxes[1].click()
    await boxes[0].click()
    const chosen = await waitText(driver, 'bulletin-chosen', (t) => t.split('上移').length === 3)
    const speakers = await driver.executeScript(
      'return Array.from(document.querySelectorAll(\'[data-testid="bulletin-chosen"] .who\')).map(function (e) { return e.textContent.trim() })')
    assert.equal(speakers.length, 2, `two remarks chosen: ${chosen}`)

    await click(driver, 'bulletin-compose')
    const body = await find(driver, 'bulletin-body')
    await driver.wait(async () => (await body.getAttribute('value')).includes(`${speakers[0]}委员说：`), 10000, 'the body is drafted')
    const drafted = await body.getAttribute('value')
    assert.ok(drafted.startsWith('一、'), `grouped under a group heading: ${drafted}`)
    assert.ok(drafted.indexOf(`${speakers[0]}委员说：`) < drafted.indexOf(`${speakers[1]}委员说：`) || drafted.includes('二、'),
      'in the order ticked (within a group)')

    // Edit freely: a title and a closing paragraph.
    const title = await find(driver, 'bulletin-title')
    await title.sendKeys('委员热议政府工作报告')
    const added = '与会委员表示，将积极履职尽责，为全市发展建言献策。'
    await body.click()
    await body.sendKeys(Key.chord(Key.CONTROL, Key.END))
    await body.sendKeys(Key.ENTER, added)

    await click(driver, 'bulletin-export-pdf')
    const result = await find(driver, 'export-result', 30000)
    const pdf = await result.getAttribute('data-path')
    assert.equal(readFileSync(pdf).subarray(0, 4).toString('latin1'), '%PDF', 'a PDF was written')
    await waitText(driver, 'bulletin-state', (t) => t === '已保存')
    const text = squash(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }))
    assert.ok(text.startsWith(`${name}第3期大会秘书处`), `the name, 第3期 and the issuer head the PDF: ${text.slice(0, 80)}`)
    for (const s of speakers) assert.ok(text.includes(`${s}委员说：`), `${s} is quoted: ${text}`)
    assert.ok(text.includes(squash(added)) && text.includes('委员热议政府工作报告'), 'the edits are printed')
    await screenshot(driver, 'bulletin-editor')

    const saved = JSON.parse(cli(['--db', db, 'bulletins', 'list', '--json']))
    assert.equal(saved.length, 3, 'a third bulletin')
    assert.equal(saved[2].number, 3)
    assert.equal(saved[2].remark_ids.length, 2, 'it keeps the links to its two remarks')

    // The 文件 hub lists it with export and print.
    await click(driver, 'nav-documents')
    await waitText(driver, 'documents-bulletins-table', (t) => t.includes('委员热议政府工作报告'))
    const hub = await driver.executeScript(
      'return document.querySelector(\'[data-testid="documents-bulletins-table"] .el-table__body\').textContent')
    assert.ok(hub.includes('第3期') && hub.includes('2020年1月8日'), `the hub lists number and date: ${hub}`)
    await find(driver, `documents-bulletin-print-${saved[2].id}`)
    await screenshot(driver, 'bulletin-documents-hub')
  } finally {
    await driver.quit()
  }
})

test('打印 a bulletin from the 文件 page: the print dialog sends it to a CUPS printer', async (t) => {
  const printer = process.env.HUIWU_TEST_PRINTER
  const out = process.env.HUIWU_TEST_PRINTER_OUT
  if (!printer || !out) {
    assert.ok(!process.env.CI, 'under CI the test printer must be set up (scripts/test-printer.sh, HUIWU_TEST_PRINTER)')
    t.skip('no CUPS test printer (HUIWU_TEST_PRINTER)')
    return
  }
  const dir = workdir('bulletins-print')
  const db = path.join(dir, 'demo.db')
  cli(['--db', db, 'demo'])
  const first = JSON.parse(cli(['--db', db, 'bulletins', 'list', '--json']))[0]
  const before = new Set(existsSync(out) ? readdirSync(out) : [])
  const driver = await openWindow(db)
  try {
    await find(driver, 'committee-name', 30000)
    await click(driver, 'nav-documents')
    await click(driver, `documents-bulletin-print-${first.id}`)
    await find(driver, 'print-dialog', 20000)
    await driver.wait(async () => (await (await find(driver, 'print-printer')).getText()).includes(printer) ||
      (await driver.executeScript(`return document.querySelector('[data-testid="print-printer"] input')?.value ?? ''`)).includes(printer),
    15000, `the printer ${printer} is chosen`)
    const pages = await find(driver, 'print-pages')
    const pagesInput = (await pages.getTagName()) === 'input' ? pages : await pages.findElement(By.css('input'))
    await pagesInput.sendKeys('1')
    await click(driver, 'print-send')
    const said = await waitText(driver, 'export-result-printed', (s) => s.length > 0, 60000)
    assert.match(said, new RegExp(`已发送到打印机 ${printer}，共 1 页`), 'the window says where the job went')
    await driver.wait(() => readdirSync(out).some((f) => !before.has(f) && f.endsWith('.pdf')), 30000, 'cups-pdf wrote the job')
  } finally {
    await driver.quit()
  }
})
