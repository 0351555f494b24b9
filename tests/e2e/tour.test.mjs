// Visits every page of the navigation on the demo committee, as a new user would on day one:
// each page must render without an error message, and a screenshot of each is kept for review.
import { after, test } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import { By } from 'selenium-webdriver'
import { cli, find, openWindow, screenshot, stopDriver, workdir } from './harness.mjs'

after(stopDriver)

const pages = [
  ['nav-roster', 'roster'],
  ['nav-meetings', 'meetings'],
  ['nav-attendance', 'attendance'],
  ['nav-opinions', 'opinions'],
  ['nav-documents', 'documents'],
  ['nav-audit', 'audit'],
]

test('every page of the navigation opens on the demo without an error', async () => {
  const dir = workdir('tour')
  const db = path.join(dir, 'demo.db')
  cli(['--db', db, 'demo'])
  const driver = await openWindow(db)
  try {
    await find(driver, 'committee-name')
    for (const [nav, name] of pages) {
      await (await find(driver, nav)).click()
      await driver.wait(async () => (await driver.getCurrentUrl()).includes(`#/${name}`), 10000, `${nav} leads to #/${name}`)
      // Let the page load its data, then look for Element Plus error messages and the 404 page.
      await driver.sleep(1500)
      const errors = await driver.findElements(By.css('.el-message--error'))
      const texts = await Promise.all(errors.map((e) => e.getText()))
      assert.deepEqual(texts, [], `no error message on the ${name} page`)
      const missing = await driver.findElements(By.xpath("//*[contains(text(), '找不到此页面')]"))
      assert.equal(missing.length, 0, `the ${name} page exists`)
      await screenshot(driver, `page-${name}`)
    }
  } finally {
    await driver.quit()
  }
})
