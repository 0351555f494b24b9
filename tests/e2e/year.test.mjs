// 年度统计 in the real window: the demo's 2020 figures, a click on one lists the records behind it,
// the data-section draft carries the sentence generated from the data; the point rules are set in
// their form (a wrong value refused in words, then corrected); the member page shows the member's
// 履职档案 for 2020 with their proposals, 社情民意 items and score.
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
  const member = JSON.parse(cli(['--db', db, 'member-record', 'A6021', '--year', '2020', '--json']))

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

    // 履职积分规则: a clerk types 1/2, is told which rule is wrong, corrects it and sets the others
    // (WebDriver drops CJK keystrokes in these inputs: «扣3分» is the core's unit test).
    await (await find(driver, 'point-rules-open')).click()
    await find(driver, 'point-rules-dialog')
    await (await find(driver, 'point-rules-enabled')).click()
    const typeRule = async (key, text) => {
      const box = await find(driver, `point-rule-${key}`)
      const el = (await box.getTagName()).toLowerCase() === 'input' ? box : await box.findElement(By.css('input'))
      await driver.wait(async () => await el.isEnabled(), 5000)
      await driver.executeScript('arguments[0].select()', el)
      await el.sendKeys(text)
    }
    await typeRule('present', '1/2')
    await (await find(driver, 'point-rules-save')).click()
    await waitText(driver, 'point-rules-error', (t) => t.includes('出席会议每场次：“1/2”不是分值'))
    await screenshot(driver, 'year-point-rules-error')
    await typeRule('present', '2')
    await typeRule('absent', '-3')
    await typeRule('proposal_filed', '3')
    await typeRule('sqmy_adopted', '2')
    await (await find(driver, 'point-rules-save')).click()
    await driver.wait(async () => (await driver.findElements(By.css("[data-testid='point-rules-error']"))).length === 0, 10000)
    const saved = JSON.parse(cli(['--db', db, 'point-rules', '--json']))
    assert.deepEqual(saved.lines, ['出席会议每场次加2分', '无故缺席每场次扣3分', '作为第一提案人的提案立案每件加3分', '社情民意信息被采用每条加2分'])

    await driver.executeScript(`location.hash = '#/roster/member/${member.member_id}'`)
    await find(driver, 'member-record')
    await pickOption(driver, 'member-record-year', '2020年')
    const c = member.attendance.counts
    await waitText(driver, 'member-record-attendance', (t) => t.includes(`应出席已结束的会议 ${c.expected} 场次，出席 ${c.present} 场次`))
    await waitText(driver, 'member-record-proposals', (t) => t === member.proposals_line)
    assert.equal(member.proposals_line, '提交提案2件（第一提案人1件，联名1件），立案1件；报送社情民意信息2条，被采用2条。')
    // WebKitWebDriver reads no text from an Element Plus table: its cells are found by XPath.
    const seen = async (id, pred) => {
      const el = await find(driver, id)
      await driver.executeScript('arguments[0].scrollIntoView({ block: "center" })', el)
      let last = ''
      await driver
        .wait(async () => pred((last = await driver.executeScript('return arguments[0].innerText', el))), 10000)
        .catch(() => { throw new Error(`[data-testid=${id}] text stayed ${JSON.stringify(last)}`) })
    }
    const cell = (id, text) => until.elementLocated(By.xpath(`//*[@data-testid='${id}']//td[contains(., '${text}')]`))
    await seen('member-record-proposals-table', () => true)
    await driver.wait(cell('member-record-proposals-table', '第17号'), 10000)
    await driver.wait(cell('member-record-proposals-table', '联名'), 10000)
    await driver.wait(cell('member-record-sqmy-table', '省政协办公厅采用'), 10000)
    await screenshot(driver, 'year-member-record')
    const total = 2 * c.present - 3 * c.absent + 3 + 2 * 2
    await seen('member-record-score', (t) => t.includes(`履职积分 ${total} 分`) && t.includes('作为第一提案人的提案立案每件加3分'))
    await screenshot(driver, 'year-member-record-score')
  } finally {
    await driver.quit()
  }
})
