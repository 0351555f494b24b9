// One window per committee file. On a private session bus (as a desktop session has one): the
// window is open on a file; starting Huiwu again on the same file — by another path to it — opens
// no second window: the new process hands over to the first window, which says so, and exits.
// Started on another file, Huiwu opens a window of its own.
import { after, test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn, execFileSync } from 'node:child_process'
import path from 'node:path'
import { app, cli, find, openWindow, stopDriver, workdir } from './harness.mjs'

let bus = null
after(() => {
  stopDriver()
  if (bus) bus.kill()
})

/** Starts a session bus of the test's own and makes it the one every later process uses. */
async function privateSessionBus() {
  bus = spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1'], { stdio: ['ignore', 'pipe', 'inherit'] })
  const address = await new Promise((resolve, reject) => {
    let out = ''
    bus.stdout.on('data', (d) => {
      out += d
      if (out.includes('\n')) resolve(out.trim())
    })
    bus.on('exit', (code) => reject(new Error(`dbus-daemon exited with ${code}`)))
    setTimeout(() => reject(new Error('dbus-daemon printed no address')), 10000)
  })
  process.env.DBUS_SESSION_BUS_ADDRESS = address
}

/** Starts the window binary on `db`; resolves to its exit code, or null if still running after `ms`. */
function startAgain(db, ms) {
  const child = spawn(app, ['--db', db], { stdio: 'ignore', env: process.env })
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ code: null, child }), ms)
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, child })
    })
  })
}

function huiwuWindows() {
  try {
    return execFileSync('xdotool', ['search', '--onlyvisible', '--name', '^会务 — '], { encoding: 'utf8' }).split('\n').filter(Boolean)
  } catch {
    return [] // xdotool exits 1 when nothing matches
  }
}

test('a second start on the same file brings the open window forward; another file gets its own window', async () => {
  await privateSessionBus()
  const dir = workdir('instance')
  const db = path.join(dir, 'committee.db')
  cli(['--db', db, 'init', '--name', '政协测试县第一届委员会'])
  const other = path.join(dir, 'other.db')
  cli(['--db', other, 'init', '--name', '政协另一县第一届委员会'])

  const driver = await openWindow(db)
  let second = null
  try {
    await find(driver, 'committee-name', 30000)
    assert.equal(huiwuWindows().length, 1, 'one window')

    // The same file by another path: the new process hands over and ends, no second window.
    const again = await startAgain(path.join(dir, '.', 'committee.db'), 30000)
    assert.equal(again.code, 0, 'the second start ends, having handed over to the open window')
    let said = ''
    await driver.wait(async () => {
      said = await driver.executeScript(
        'return Array.from(document.querySelectorAll(".el-message")).map(function (e) { return e.textContent }).join("|")')
      return said.includes('已在本窗口中打开')
    }, 15000).catch(() => { throw new Error(`the open window does not say why no window opened: ${JSON.stringify(said)}`) })
    assert.equal(huiwuWindows().length, 1, 'still one window')

    // Another file: a window of its own, which stays.
    second = await startAgain(other, 8000)
    assert.equal(second.code, null, 'a start on another file keeps running (its own window)')
    const end = Date.now() + 20000
    while (huiwuWindows().length < 2 && Date.now() < end) await new Promise((r) => setTimeout(r, 300))
    assert.equal(huiwuWindows().length, 2, 'two files, two windows')
  } finally {
    if (second?.child && second.code === null) second.child.kill()
    await driver.quit()
  }
})
