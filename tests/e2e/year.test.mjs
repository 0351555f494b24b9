// 年度统计 in the real window: the demo's 2020 figures, a click on one lists the records behind it,
// the data-section draft carries the sentence generated from the data; the member page shows the
// member's 履职档案 for 2020.
import { after, test } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import { By, until } from 'selenium-webdriver'
import { cli, find, openWindow, screenshot, stopDriver, waitText, workdir } from './harness.mjs'

after(stopDriver)

async function pickOption(driver, testId, label) {
  await (await find(driver, testId)).click()
  const opt = await driver.wait(
    until.elementLocated(By.xpath(`//li[contains(@class,'el-select-dropdown__item')][normalize-space(.)='${label}']`)),
    10000,
  )
  await driver.wait(until.elementIsVisible(opt), 5000)
  await driver.executeScript('arguments[0].click()', opt)
}

test('the 2020 figures, the records behind one, the draft, and a member record', async () => {
  const dir = workdir('year')
  const db = path.join(dir, 'demo.db')
  cli(['--db', db, 'demo'])
  const member = JSON.parse(cli(['--db', db, 'member-record', 'A6010', '--year', '2020', '--json']))

  const driver = await openWindow(db)
  try {
    await (await find(driver, 'nav-year')).click()
    await find(driver, 'year-page')
    await pickOption(driver, 'year-select', '2020年')
    await waitText(driver, 'figure-topical_consultation_items', (t) => t.includes('164条'))
    await waitText(driver, 'figure-study_group_meetings', (t) => t.includes('9次'))
    await waitText(driver, 'figure-delegation_person_times', (t) => t.includes('196人次'))

    await (await find(driver, 'figure-research_topics')).click()
    await waitText(driver, 'year-records-title', (t) => t.includes('调研课题：4个（4项记录）'))
    await screenshot(driver, 'year-records')
    // The rows behind the figure: the four topics, each with the report it produced.
    const cells = await driver.wait(
      until.elementsLocated(By.xpath("//*[@data-testid='year-records']//td[contains(., '调研报告')]")),
      10000,
    )
    assert.equal(cells.length, 4, 'one row per research topic, each with its report')
    // Element Plus puts a data-testid either on the textarea itself or on its wrapper.
    const box = await find(driver, 'year-draft')
    const draft = (await box.getTagName()).toLowerCase() === 'textarea' ? box : await box.findElement(By.css('textarea'))
    const text = await draft.getAttribute('value')
    assert.ok(
      text.includes('一年来，共组织开展理论学习中心组学习9次，召开市政协党组会议8次、常委会会议9次、主席（扩大）会议9次'),
      `the draft's first sentence: ${text}`,
    )
    await screenshot(driver, 'year-figures')

    await driver.executeScript(`location.hash = '#/roster/member/${member.member_id}'`)
    await find(driver, 'member-record')
    await pickOption(driver, 'member-record-year', '2020年')
    const c = member.attendance.counts
    await waitText(driver, 'member-record-attendance', (t) => t.includes(`应出席已结束的会议 ${c.expected} 场次，出席 ${c.present} 场次`))
    await screenshot(driver, 'year-member-record')
  } finally {
    await driver.quit()
  }
})
