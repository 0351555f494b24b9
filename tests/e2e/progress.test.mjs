// Long work shows its progress and can be cancelled: the demo's 纪要 made about a thousand pages
// long (through the headless CLI), exported as PDF from the 文件 page — the progress panel says
// what is being done, 取消 stops the export, the clerk is told nothing was written, and the export
// folder holds no new file, whole or partial. Then the same export, left alone, completes.
import { after, test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, readdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { By } from 'selenium-webdriver'
import { cli, click, find, openWindow, screenshot, stopDriver, waitText, workdir } from './harness.mjs'

after(stopDriver)

const SENTENCE = '会议认为，要围绕全市中心工作深入开展调查研究，提出有针对性、可操作性的意见建议，为科学决策提供参考，推动各项工作落实见效。'

async function messages(driver) {
  return driver.executeScript(
    'return Array.from(document.querySelectorAll(".el-message")).map(function (e) { return e.textContent }).join("|")')
}

test('a thousand-page export shows its progress, and 取消 stops it with nothing written', async () => {
  const dir = workdir('progress')
  const db = path.join(dir, 'demo.db')
  cli(['--db', db, 'demo'])
  const demo = JSON.parse(cli(['--db', db, 'minutes', 'list', '--json']))[0]
  const bodyFile = path.join(dir, 'body.txt')
  writeFileSync(bodyFile, Array.from({ length: 7200 }, (_, i) => `第${i + 1}段。${SENTENCE}`).join('\n'))
  cli(['--db', db, 'minutes', 'save', '--sitting', String(demo.sitting_id), '--body-file', bodyFile])

  const driver = await openWindow(db)
  try {
    await find(driver, 'committee-name', 30000)
    await click(driver, 'nav-documents')
    // The folder the page names (文档/会务导出 under the test's own home).
    const exportFolder = await waitText(driver, 'export-folder', (t) => t.startsWith('/'), 20000)
    const before = existsSync(exportFolder) ? readdirSync(exportFolder).sort() : []

    await click(driver, `minutes-pdf-${demo.id}`)
    const stage = await waitText(driver, 'task-progress-stage', (t) => t !== '', 30000)
    assert.match(stage, /^(正在准备…|读取纪要和出席名单|载入字体|排版|生成第 \d+ 页（共 \d+ 页）|嵌入字体，写成 PDF)$/, `the panel says what is being done: ${stage}`)
    const title = await (await find(driver, 'task-progress')).getText()
    assert.ok(title.includes('正在导出纪要（PDF）'), `the panel names the work: ${title}`)
    await screenshot(driver, 'progress-export')
    await click(driver, 'task-cancel')

    let said = ''
    await driver.wait(async () => (said = await messages(driver)).includes('已取消'), 120000)
      .catch(() => { throw new Error(`no message says the export was cancelled: ${JSON.stringify(said)}`) })
    assert.ok(said.includes('已取消导出纪要，没有写入任何内容'), `the clerk is told: ${said}`)
    await driver.wait(async () => (await driver.findElements(By.css('[data-testid="task-progress"]'))).length === 0, 20000,
      'the progress panel goes once the export has stopped')
    assert.equal((await driver.findElements(By.css('[data-testid="export-result"]'))).length, 0, 'no export is reported')
    const after = existsSync(exportFolder) ? readdirSync(exportFolder).sort() : []
    assert.deepEqual(after, before, 'a cancelled export leaves no file, whole or partial, in the export folder')

    // Left alone, the same export completes.
    await click(driver, `minutes-pdf-${demo.id}`)
    const result = await find(driver, 'export-result', 180000)
    const written = await result.getAttribute('data-path')
    assert.ok(written && existsSync(written), `the PDF was written: ${written}`)
    assert.equal(path.dirname(written), exportFolder, 'into the folder the page names')
  } finally {
    await driver.quit()
  }
})
