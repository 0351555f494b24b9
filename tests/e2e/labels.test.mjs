// What the clerk reads on the 操作记录 page and a member's page: Chinese labels and local times,
// never the stored English keys («opinion_feedback», «sitting_id», «create») or ISO timestamps.
import { after, test } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import { By } from 'selenium-webdriver'
import { cli, find, openWindow, screenshot, stopDriver, workdir } from './harness.mjs'

after(stopDriver)

const RAW_KEY = /\b[a-z]+(?:_[a-z]+)+\b|\b(?:create|update|delete|adoption|partly_adopted|status)\b/
const ISO_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}|[+-]\d{2}:\d{2}\b/
const LOCAL_TIME = /\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/

async function tableText(driver, id) {
  await find(driver, id, 30000)
  let text = ''
  await driver.wait(async () => {
    text = await driver.executeScript(`return document.querySelector('[data-testid="${id}"] .el-table__body')?.textContent ?? ''`)
    return LOCAL_TIME.test(text)
  }, 30000).catch(() => { throw new Error(`[data-testid=${id}] shows no local time: ${text.slice(0, 300)}`) })
  return text
}

test('the audit page and the member page show Chinese labels and local times only', async () => {
  const dir = workdir('labels')
  const db = path.join(dir, 'demo.db')
  cli(['--db', db, 'demo'])
  const driver = await openWindow(db)
  try {
    await find(driver, 'committee-name', 30000)
    await driver.executeScript(`location.hash = '#/audit'`)
    const audit = await tableText(driver, 'audit-table')
    assert.doesNotMatch(audit, RAW_KEY, `no stored English key on the audit page: ${audit.match(RAW_KEY)?.[0]}`)
    assert.doesNotMatch(audit, ISO_TIME, `no ISO timestamp on the audit page: ${audit.match(ISO_TIME)?.[0]}`)
    assert.match(audit, /协商意见反馈|委员|场次/, 'records are named in Chinese')
    await screenshot(driver, 'audit')

    await driver.executeScript(`location.hash = '#/roster/member/1'`)
    const member = await tableText(driver, 'member-changes')
    assert.doesNotMatch(member, RAW_KEY, `no stored English key on the member page: ${member.match(RAW_KEY)?.[0]}`)
    assert.doesNotMatch(member, ISO_TIME, `no ISO timestamp on the member page: ${member.match(ISO_TIME)?.[0]}`)
    assert.match(member, /新建/, 'the action is in Chinese')
    await screenshot(driver, 'member')

    // 会议 opens on the latest year that has meetings (the demo's are in 2020–2021), not on an empty
    // current year; its calendar weeks start on Monday.
    await driver.executeScript(`localStorage.removeItem('huiwu.meetings.year'); location.hash = '#/meetings'`)
    const input = await (await find(driver, 'meetings-year')).findElement(By.css('input'))
    let year = ''
    await driver.wait(async () => { year = await input.getAttribute('value'); return year === '2021' }, 15000)
      .catch(() => { throw new Error(`the 会议 page opened on ${year}, not 2021, the latest year with meetings`) })
    await driver.executeScript(`document.querySelector('[data-testid="meetings-view"] label:last-child')?.click()`)
    const cal = await find(driver, 'meetings-calendar')
    const head = await driver.wait(async () => {
      const t = await cal.findElements(By.css('thead th'))
      return t.length ? t : null
    }, 15000, 'the calendar shows its week header')
    assert.equal((await head[0].getText()).trim(), '一', 'the week starts on Monday')
    await screenshot(driver, 'meetings-calendar')
  } finally {
    await driver.quit()
  }
})
