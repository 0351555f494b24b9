// The import wizard in the real window, on a second roster file a clerk would want checked: a row
// that updates a member shows old → new per field; a seat another member holds, a phone of the
// wrong length, a sector typed wrong and an empty 界别 are each flagged on their row.
import { after, test } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import { writeFileSync } from 'node:fs'
import { byTestId, cli, find, openWindow, screenshot, stopDriver, waitText, workdir } from './harness.mjs'

after(stopDriver)

async function field(el, tag) {
  return (await el.getTagName()).toLowerCase() === tag ? el : el.findElement({ css: tag })
}

test('import preview flags what a clerk would check and shows what an update changes', async () => {
  const dir = workdir('import')
  const db = path.join(dir, 'c.db')
  cli(['--db', db, 'init', '--name', '政协测试县第一届委员会'])
  const first = path.join(dir, 'first.csv')
  writeFileSync(first, [
    '委员编号,姓名,性别,界别,小组,职务,联系电话,座位号',
    'A1,张伟,男,经济界,第一组,委员,13900000001,1排1号',
    'A2,李明,男,教育界,第二组,委员,13900000002,1排2号',
  ].join('\n') + '\n')
  cli(['--db', db, 'members', 'import', first, '--joined-on', '2017-01-10'])
  const second = path.join(dir, 'second.csv')
  writeFileSync(second, [
    '委员编号,姓名,性别,界别,小组,职务,联系电话,座位号',
    'A1,张伟,男,经济界,第一组,常委,13900000009,1排1号',
    'A3,周红,女,妇联,第一组,委员,1390000003,1排2号',
    'A4,吴华,男,经济届,第二组,委员,13900000004,2排1号',
    'A5,郑杰,男,,第二组,委员,13900000005,2排2号',
    'A6,钱多,男,教育界,第二组,委员,13900000006,3排1号',
  ].join('\n') + '\n')

  const driver = await openWindow(db)
  try {
    await (await find(driver, 'nav-roster')).click()
    await (await find(driver, 'roster-import')).click()
    const p = await field(await find(driver, 'import-path'), 'input')
    await p.sendKeys(second)
    await (await find(driver, 'import-path-go')).click()
    const summary = await waitText(driver, 'import-summary', (t) => t.includes('新增 4'))
    assert.ok(summary.includes('更新 1') && summary.includes('需核对 3 行'), summary)

    const changes = await Promise.all((await driver.findElements(byTestId('import-change'))).map((e) => e.getText()))
    assert.deepEqual(changes, ['职务：委员 → 常委', '联系电话：13900000001 → 13900000009'], 'old → new per field')
    const warnings = (await Promise.all((await driver.findElements(byTestId('import-row-warning'))).map((e) => e.getText()))).join('\n')
    assert.ok(warnings.includes('座位号“1排2号”与名册中的李明（A2）相同'), warnings)
    assert.ok(warnings.includes('手机号应为 11 位'), warnings)
    assert.ok(warnings.includes('是否应为“经济界”'), warnings)
    assert.ok(warnings.includes('界别为空'), warnings)
    await screenshot(driver, 'import-flags')
    await driver.executeScript('arguments[0].scrollIntoView()', await find(driver, 'import-rows'))
    await screenshot(driver, 'import-rows')

    await (await find(driver, 'import-only-flagged')).click()
    const bodyRows = { css: '[data-testid="import-rows"] .el-table__body tr' }
    await driver.wait(async () => (await driver.findElements(bodyRows)).length === 4, 5000)
      .catch(() => assert.fail('only the update and the three flagged rows stay listed'))
    const problems = await waitText(driver, 'import-problems', (t) => t.includes('第5行'))
    assert.ok(problems.includes('界别（D列）'), problems)
  } finally {
    await driver.quit()
  }
})
