// Measures one window application (the minimal Tauri 2 window or Huiwu) started through tauri-driver
// the same way the end-to-end tests start Huiwu, and prints one JSON line per run:
//   first_content_ms  from the start of the app's process (its /proc start time) to the moment the
//                     page's first content was on screen: the page sets the performance mark
//                     «first-content» two animation frames after its content is in the DOM (Huiwu:
//                     the home page with the committee's figures; the empty window: its one line);
//                     the mark's own time is read, so how often this script polls does not matter.
//   pss_ready_mib     PSS of the app's process and every process under it (WebKitWebProcess,
//                     WebKitNetworkProcess), from /proc/PID/smaps_rollup, SETTLE_MS after first content.
//   pss_tour_mib      (with --tour) the same after visiting every page through the URL hash and
//                     coming back home, SETTLE_MS after the home page is shown again.
// Not a test: scripts/bench-window.sh runs it and prints the figures and their ratios.
//
// usage: node bench-window.mjs APP_BINARY [--db FILE] [--tour ROUTES_JSON] [--runs N]
//        BENCH_PER_PAGE=1 also prints the PSS after each page of the tour (to stderr)
import { readFileSync, readdirSync, readlinkSync, realpathSync } from 'node:fs'
import { Builder } from 'selenium-webdriver'
import { startDriver, stopDriver } from './harness.mjs'

const argv = process.argv.slice(2)
const binary = realpathSync(argv[0])
const opt = (name) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : undefined }
const db = opt('--db')
const tour = opt('--tour') ? JSON.parse(opt('--tour')) : null
const runs = Number(opt('--runs') ?? 3)
const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 4000)
const port = Number(process.env.HUIWU_E2E_PORT ?? 4444)

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

function procStat(pid) {
  // The command name may hold spaces: fields are counted after the closing parenthesis.
  const s = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const f = s.slice(s.lastIndexOf(')') + 2).split(' ')
  return { ppid: Number(f[1]), startTicks: Number(f[19]) }
}

function pids() {
  return readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number)
}

/** The newest process running `binary`. */
function findApp() {
  let best = null
  for (const pid of pids()) {
    let exe
    try { exe = readlinkSync(`/proc/${pid}/exe`) } catch { continue }
    if (exe !== binary) continue
    const st = procStat(pid)
    if (!best || st.startTicks > best.startTicks) best = { pid, ...st }
  }
  return best
}

/** The wall-clock time (ms since the epoch) at which a process started. /proc gives its start in
 * clock ticks since boot; /proc/uptime read beside Date.now() ties the two clocks together. */
function startEpochMs(startTicks) {
  const uptime = Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0])
  const now = Date.now()
  return now - (uptime - startTicks / 100) * 1000
}

function tree(root) {
  const parent = new Map()
  for (const pid of pids()) {
    try { parent.set(pid, procStat(pid).ppid) } catch { /* gone */ }
  }
  const out = [root]
  for (let i = 0; i < out.length; i++) {
    for (const [pid, pp] of parent) if (pp === out[i]) out.push(pid)
  }
  return out
}

/** PSS of the process and all its descendants, in MiB, with the share of each kind of process. */
function pss(root) {
  let total = 0
  const parts = {}
  for (const pid of tree(root)) {
    let kb = 0
    try {
      const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))
      kb = m ? Number(m[1]) : 0
    } catch { continue }
    let name = '?'
    try { name = readFileSync(`/proc/${pid}/comm`, 'utf8').trim() } catch { /* gone */ }
    total += kb
    parts[name] = Math.round(((parts[name] ?? 0) + kb / 1024) * 10) / 10
  }
  return { mib: Math.round((total / 1024) * 10) / 10, parts }
}

const MARK = `const e = performance.getEntriesByName('first-content');
  return e.length ? performance.timeOrigin + e[e.length - 1].startTime : null`

async function waitMark(driver, ms = 60000) {
  const end = Date.now() + ms
  while (Date.now() < end) {
    const t = await driver.executeScript(MARK).catch(() => null)
    if (t) return t
    await sleep(50)
  }
  throw new Error('the page never set the performance mark «first-content»')
}

async function one() {
  const caps = { browserName: 'wry', 'tauri:options': { application: binary, args: db ? ['--db', db] : [] } }
  const driver = await new Builder().usingServer(`http://127.0.0.1:${port}/`).withCapabilities(caps).build()
  try {
    const mark = await waitMark(driver)
    const app = findApp()
    if (!app) throw new Error(`no running process of ${binary}`)
    const result = { first_content_ms: Math.round(mark - startEpochMs(app.startTicks)) }
    await sleep(SETTLE_MS)
    const ready = pss(app.pid)
    result.pss_ready_mib = ready.mib
    result.pss_ready_parts = ready.parts
    if (tour) {
      for (const route of tour) {
        await driver.executeScript(`location.hash = ${JSON.stringify('#' + route)}`)
        // Wait for the route to render, then give the page time to load its data.
        await driver.wait(async () => (await driver.executeScript('return location.hash')) === `#${route}`, 10000)
        await sleep(1500)
        // BENCH_PER_PAGE=1: which page adds what (to stderr, beside the figures).
        if (process.env.BENCH_PER_PAGE) console.error(`  ${route.padEnd(40)} ${JSON.stringify(pss(app.pid))}`)
      }
      // Back home: the mark is set again when the home page's content is on screen.
      await driver.executeScript("performance.clearMarks('first-content'); location.hash = '#/'")
      await waitMark(driver)
      await sleep(SETTLE_MS)
      const after = pss(app.pid)
      result.pss_tour_mib = after.mib
      result.pss_tour_parts = after.parts
    }
    return result
  } finally {
    await driver.quit()
  }
}

await startDriver()
try {
  for (let i = 0; i < runs; i++) {
    console.log(JSON.stringify(await one()))
    await sleep(1000)
  }
} finally {
  stopDriver()
}
