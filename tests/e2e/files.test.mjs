// Committee files from the window: 打开其他委员会文件… through the native open dialog (driven with
// xdotool as in dialogs.test.mjs: Ctrl+L, the path, Return). A file that is not a committee file
// is refused in Chinese and the open one stays; the demo file then opens, the home page shows its
// committee, the title bar names it, and the first file is offered among the recent files; last,
// 新建委员会文件… through the save dialog makes an empty file whose committee is then created in it.
import { after, test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { By, until } from 'selenium-webdriver'
import { cli, click, find, openWindow, screenshot, stopDriver, waitText, workdir } from './harness.mjs'

after(stopDriver)

function xdotool(args) {
  return execFileSync('xdotool', args, { encoding: 'utf8', timeout: 20000 }).trim()
}

/** Waits for the GTK dialog titled `title`, focuses it, and types the path into its location field. */
async function openInDialog(title, file, keys = [{ key: 'ctrl+l' }, { type: file }, { key: 'Return' }]) {
  const id = xdotool(['search', '--sync', '--onlyvisible', '--name', title]).split('\n')[0]
  assert.ok(id, `the dialog «${title}» opened`)
  xdotool(['windowfocus', '--sync', id])
  await new Promise((r) => setTimeout(r, 800))
  for (const step of keys) {
    if (step.key) xdotool(['key', '--clearmodifiers', step.key])
    if (step.type) xdotool(['type', '--delay', '20', step.type])
    await new Promise((r) => setTimeout(r, 300))
  }
}

/** Like waitText, but finds the element again each time: after a switch the pages are made anew. */
async function waitFresh(driver, id, pred, ms = 20000) {
  let last = ''
  await driver.wait(async () => {
    const els = await driver.findElements(By.css(`[data-testid="${id}"]`))
    try {
      last = els.length ? (await els[0].getText()).trim() : ''
    } catch {
      return false
    }
    return pred(last)
  }, ms).catch(() => { throw new Error(`[data-testid=${id}] text stayed ${JSON.stringify(last)}`) })
  return last
}

test('another committee file opens from the window; a file that is not one is refused', async () => {
  const dir = workdir('files')
  const first = path.join(dir, 'first.db')
  cli(['--db', first, 'init', '--name', '政协测试县第一届委员会'])
  const demo = path.join(dir, 'demo.db')
  cli(['--db', demo, 'demo'])
  const junk = path.join(dir, 'junk.db')
  writeFileSync(junk, Buffer.alloc(4096, 0x50))

  const driver = await openWindow(first)
  try {
    await waitText(driver, 'committee-name', (t) => t === '政协测试县第一届委员会')
    await driver.wait(async () => (await driver.getTitle()) === '会务 — 政协测试县第一届委员会 — first.db', 15000,
      'the title names the file opened at start')

    // Refused: the reason in Chinese, the open file stays.
    await click(driver, 'files-open')
    await openInDialog('打开委员会文件', junk)
    const error = await driver.wait(until.elementLocated(By.css('.el-message--error')), 20000, 'the refusal is shown')
    let message = ''
    await driver.wait(async () => { message = (await error.getText()).trim(); return message !== '' }, 15000, 'the refusal says why')
    assert.match(message, /[\u4e00-\u9fff]/, `the refusal is in Chinese: ${message}`)
    assert.equal(await (await find(driver, 'committee-name')).getText(), '政协测试县第一届委员会', 'the open file stays')

    // Opened: the demo committee's home page and title.
    await click(driver, 'files-open')
    await openInDialog('打开委员会文件', demo)
    await screenshot(driver, 'files-after-open')
    await waitFresh(driver, 'committee-name', (t) => t === '政协安宁市第六届委员会')
    await waitFresh(driver, 'header-committee', (t) => t === '政协安宁市第六届委员会')
    const members = Number(await waitFresh(driver, 'member-count', (t) => Number(t) > 0))
    assert.ok(members > 0, 'the figures are the demo file\'s')
    let title = ''
    await driver.wait(async () => { title = await driver.getTitle(); return title === '会务 — 安宁市政协 — demo.db' }, 15000)
      .catch(() => { throw new Error(`the title stayed ${JSON.stringify(title)}`) })
    assert.ok(xdotool(['search', '--name', '会务 — 安宁市政协 — demo.db']), 'the window\'s own title bar names the file')
    // textContent: the list may be below the fold, where getText sees only part of it.
    let recent = ''
    await driver.wait(async () => {
      recent = await driver.executeScript('return document.querySelector(\'[data-testid="recent-files"]\')?.textContent ?? ""')
      return recent.includes(first)
    }, 15000).catch(() => { throw new Error(`the recent files are ${JSON.stringify(recent)}`) })
    assert.ok(recent.includes('政协测试县第一届委员会'), recent)
    await screenshot(driver, 'files-switched')

    // Back through the recent list.
    const entries = await driver.findElements(By.css('[data-testid="recent-file"]'))
    let back = null
    for (const e of entries) if ((await e.getAttribute('title')) === first) back = e
    assert.ok(back, 'the first file is in the list')
    await back.click()
    await waitFresh(driver, 'committee-name', (t) => t === '政协测试县第一届委员会')
    await driver.wait(async () => (await driver.getTitle()) === '会务 — 政协测试县第一届委员会 — first.db', 15000,
      'the title names the first file again')

    // 新建委员会文件…: an empty file where the save dialog says, then the committee made in it.
    const fresh = path.join(dir, 'new.db')
    await click(driver, 'files-new')
    await openInDialog('新建委员会文件', fresh, [{ key: 'ctrl+a' }, { type: fresh }, { key: 'Return' }])
    await find(driver, 'first-run', 20000)
    await driver.wait(async () => (await driver.getTitle()) === '会务 — 新文件 — new.db', 15000, 'the title names the new file')
    await (await find(driver, 'committee-name-input')).sendKeys('政协新建县第一届委员会')
    await click(driver, 'create-committee')
    await waitFresh(driver, 'committee-name', (t) => t === '政协新建县第一届委员会')
    assert.equal(JSON.parse(cli(['--db', fresh, 'info', '--json'])).committee.name, '政协新建县第一届委员会',
      'the committee is in the new file')
  } finally {
    await driver.quit()
  }
})

test('a window started on a file it refuses can open another from its error page', async () => {
  const dir = workdir('files-refused')
  const junk = path.join(dir, 'junk.db')
  writeFileSync(junk, Buffer.alloc(4096, 0x50))
  const demo = path.join(dir, 'demo.db')
  cli(['--db', demo, 'demo'])
  const driver = await openWindow(junk)
  try {
    await find(driver, 'app-error')
    await driver.wait(async () => (await driver.getTitle()) === '会务 — 无法打开 — junk.db', 15000, 'the title says the file was refused')
    await click(driver, 'files-open')
    await openInDialog('打开委员会文件', demo)
    await waitFresh(driver, 'committee-name', (t) => t === '政协安宁市第六届委员会')
    await driver.wait(async () => (await driver.getTitle()) === '会务 — 安宁市政协 — demo.db', 15000, 'the title names the file')
  } finally {
    await driver.quit()
  }
})
