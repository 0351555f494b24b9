// The 纪要 editor on a long document (about 100 pages, saved through the headless CLI): the
// editor opens showing the first page with only the pages in view drawn, the preview agrees
// with the PDF on the page count, scrolling draws the pages reached, an edit on page 50 updates
// page 50 (and not the pages before it), a click on 保存 made while the preview is being
// updated is handled, and a click made while the whole PDF is exported from the window is handled
// before the export ends. The saved text is checked in the PDF's page 50 with pdftotext.
import { after, test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { cli, click, find, openWindow, screenshot, stopDriver, waitText, workdir } from './harness.mjs'

after(stopDriver)

const SENTENCE = '会议认为，要围绕全市中心工作深入开展调查研究，提出有针对性、可操作性的意见建议，为科学决策提供参考，推动各项工作落实见效。'

/** State of the preview: page count, and for each sheet its wanted key, shown key and whether its image is loaded. */
async function sheets(driver) {
  return driver.executeScript(`
    const c = document.querySelector('[data-testid="minutes-preview-pages"]')
    const s = Array.from(document.querySelectorAll('[data-testid="minutes-sheet"]')).map(function (e) {
      const img = e.querySelector('img')
      return { key: e.dataset.pageKey, shown: e.dataset.shownKey, loaded: !!(img && img.complete && img.naturalWidth > 0) }
    })
    return { sheets: s, images: document.querySelectorAll('[data-testid="minutes-page"]').length,
      fetched: Number(c.dataset.fetched), layouts: Number(c.dataset.layouts) }`)
}

/** Waits until page `i` (0-based) shows its current drawing, loaded, and satisfies `pred`. */
async function waitPage(driver, i, pred, what) {
  let last = null
  await driver
    .wait(async () => {
      last = await sheets(driver)
      const s = last.sheets[i]
      return s && s.loaded && s.shown === s.key && pred(s)
    }, 60000)
    .catch(() => { throw new Error(`${what}: page ${i + 1} stayed ${JSON.stringify(last?.sheets[i])}`) })
  return last
}

const scrollTo = (driver, i) =>
  driver.executeScript(`document.querySelector('[data-testid="minutes-sheet"][data-page="${i}"]').scrollIntoView({ block: 'start' })`)

function pdfPages(file) {
  return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))[1])
}

test('纪要 of about 100 pages: pages drawn on demand, an edit updates its page, the window stays responsive', async (t) => {
  const dir = workdir('preview')
  const db = path.join(dir, 'demo.db')
  cli(['--db', db, 'demo'])
  const demo = JSON.parse(cli(['--db', db, 'minutes', 'list', '--json']))[0]
  const sitting = String(demo.sitting_id)
  // About 100 pages: 720 numbered paragraphs of about 3 lines each.
  const paragraphs = Array.from({ length: 720 }, (_, i) => `第${i + 1}段。${SENTENCE}`)
  const bodyFile = path.join(dir, 'body.txt')
  writeFileSync(bodyFile, paragraphs.join('\n'))
  cli(['--db', db, 'minutes', 'save', '--sitting', sitting, '--body-file', bodyFile, '--json'])
  const before = path.join(dir, 'before.pdf')
  cli(['--db', db, 'minutes', 'export', '--sitting', sitting, before, '--force'])
  const total = pdfPages(before)
  assert.ok(total >= 95, `a long 纪要: ${total} pages`)
  // A paragraph that starts on the PDF's page 50.
  const page50 = execFileSync('pdftotext', ['-f', '50', '-l', '50', '-layout', before, '-'], { encoding: 'utf8' })
  const para = Number(/第(\d+)段。/.exec(page50.replace(/\s+/g, ''))[1])

  const driver = await openWindow(db)
  try {
    await find(driver, 'committee-name', 30000)
    await click(driver, 'nav-documents')
    const opened = Date.now()
    await click(driver, `minutes-edit-${demo.id}`)
    const shown = await waitText(driver, 'minutes-page-count', (t) => /\d+/.test(t), 60000)
    assert.equal(Number(/\d+/.exec(shown)[0]), total, 'the preview has the PDF\'s pages')
    let s = await waitPage(driver, 0, () => true, 'the first page is drawn')
    t.diagnostic(`editor opened to page 1 drawn: ${Date.now() - opened} ms (debug build)`)
    assert.equal(s.sheets.length, total, 'one sheet per page')
    assert.ok(s.images <= 4 && s.fetched <= 4, `only the pages in view and around them are drawn: ${s.images} shown, ${s.fetched} fetched`)
    await screenshot(driver, 'preview-long-open')

    // Scroll to page 50: it is drawn when reached; the pages left behind give their images up.
    await scrollTo(driver, 49)
    s = await waitPage(driver, 49, () => true, 'page 50 is drawn when scrolled to')
    assert.ok(s.images <= 5, `images only near the view: ${s.images}`)
    const old50 = s.sheets[49].key
    const old48 = s.sheets[47].key
    const { fetched: fetchedBefore, layouts: layoutsBefore } = s

    // Type into a paragraph that starts on page 50.
    const added = '（此处增补一句）'
    const body = await find(driver, 'minutes-body')
    await body.click()
    await driver.executeScript(`
      const t = document.querySelector('[data-testid="minutes-body"]')
      const at = t.value.indexOf('第${para}段。') + '第${para}段。'.length
      t.setSelectionRange(at, at)`)
    const typed = Date.now()
    await body.sendKeys(added)
    assert.ok((await body.getAttribute('value')).includes(`第${para}段。${added}`), 'typed where the caret was put')
    s = await waitPage(driver, 49, (p) => p.key !== old50, 'page 50 shows the edit')
    t.diagnostic(`typing ${added.length} characters to page 50 updated: ${Date.now() - typed} ms (debug build, WebDriver typing)`)
    assert.equal(s.sheets[47].key, old48, 'page 48, before the edit, is the same drawing')
    // Each layout (typing may pause between keys) fetches at most the pages near the view.
    const laidOut = s.layouts - layoutsBefore
    assert.ok(laidOut >= 1 && s.fetched - fetchedBefore <= 5 * laidOut,
      `the edit fetched only pages near the view: ${s.fetched - fetchedBefore} pages over ${laidOut} layouts`)
    assert.ok(s.images <= 5, `images only near the view: ${s.images}`)
    await screenshot(driver, 'preview-long-edited')

    // Another edit; while its preview is being made, click 保存: the click is handled.
    const more = '再补一句。'
    const during = await driver.executeAsyncScript(`
      const done = arguments[arguments.length - 1]
      const bar = document.querySelector('[data-testid="minutes-preview-pages"]').parentElement
      const obs = new MutationObserver(function () {
        if (!document.querySelector('[data-testid="minutes-preview-busy"]')) return
        obs.disconnect()
        document.querySelector('[data-testid="minutes-save"]').click()
        done(true)
      })
      obs.observe(bar, { childList: true, subtree: true })
      const t = document.querySelector('[data-testid="minutes-body"]')
      t.value = t.value.replace('${added}', '${added}${more}')
      t.dispatchEvent(new Event('input', { bubbles: true }))
      setTimeout(function () { obs.disconnect(); done(false) }, 20000)`)
    const pasted = Date.now()
    assert.equal(during, true, 'the click on 保存 was made while the preview was updating')
    await waitText(driver, 'minutes-state', (t) => t === '已保存', 20000)
    const saved = JSON.parse(cli(['--db', db, 'minutes', 'show', '--sitting', sitting, '--json']))
    assert.ok(saved.minutes.body.includes(`第${para}段。${added}${more}`), 'the save made during the update has the edit')
    await waitPage(driver, 49, (p) => p.key !== s.sheets[49].key, 'page 50 shows the second edit')
    t.diagnostic(`a pasted edit to page 50 updated: ${Date.now() - pasted} ms, a save meanwhile (debug build)`)

    // The PDF's page 50 has the edit: the preview showed the page the PDF prints.
    const afterPdf = path.join(dir, 'after.pdf')
    cli(['--db', db, 'minutes', 'export', '--sitting', sitting, afterPdf, '--force'])
    const text = execFileSync('pdftotext', ['-f', '50', '-l', '50', afterPdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '')
    assert.ok(text.includes(`${added}${more}`), 'the PDF\'s page 50 has the edit')

    // 导出 PDF of the ~100-page 纪要 from the window: while it is written, a click elsewhere (a real
    // click through WebDriver, which reaches the page through the window's main thread) is handled
    // before the export's answer comes back. With the export on the main thread the click waited.
    await driver.executeScript(`
      const w = window.__race = { clickAt: 0, startAt: 0, doneAt: 0 }
      const btn = document.querySelector('[data-testid="minutes-export-pdf"]')
      new MutationObserver(function () {
        const busy = btn.classList.contains('is-loading')
        if (busy && !w.startAt) w.startAt = performance.now()
        if (!busy && w.startAt && !w.doneAt) w.doneAt = performance.now()
      }).observe(btn, { attributes: true, attributeFilter: ['class'] })
      document.querySelector('[data-testid="minutes-page-count"]').addEventListener('click', function () {
        if (!w.clickAt) w.clickAt = performance.now()
      })`)
    await click(driver, 'minutes-export-pdf')
    await driver.wait(() => driver.executeScript('return window.__race.startAt > 0'), 10000, 'the export started')
    await (await find(driver, 'minutes-page-count')).click()
    await driver.wait(() => driver.executeScript('return window.__race.doneAt > 0'), 120000, 'the export ended')
    const race = await driver.executeScript('return window.__race')
    t.diagnostic(`export of ${total} pages: ${Math.round(race.doneAt - race.startAt)} ms; click handled after ${Math.round(race.clickAt - race.startAt)} ms (debug build)`)
    assert.ok(race.clickAt > 0 && race.clickAt < race.doneAt,
      `the click was handled while the PDF was being written: ${JSON.stringify(race)}`)
  } catch (e) {
    await screenshot(driver, 'preview-long-failure').catch(() => {})
    throw e
  } finally {
    await driver.quit()
  }
})
