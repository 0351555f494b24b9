// Starts tauri-driver (which starts WebKitWebDriver) and opens the real Huiwu window on a database
// file of the test's own. Each test gets a fresh directory under tests/e2e/out/.
import { spawn, execFileSync } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Builder, By, until } from 'selenium-webdriver'

const here = path.dirname(fileURLToPath(import.meta.url))
export const root = path.resolve(here, '..', '..')
export const app = process.env.HUIWU_BIN ?? path.join(root, 'target', 'debug', 'huiwu')
export const shots = path.join(here, 'screenshots')

function portOpen(port) {
  return new Promise((resolve) => {
    const s = net.connect({ port, host: '127.0.0.1' }, () => { s.end(); resolve(true) })
    s.on('error', () => resolve(false))
  })
}

async function waitForPorts(ports, ms) {
  const end = Date.now() + ms
  while (Date.now() < end) {
    const open = await Promise.all(ports.map(portOpen))
    if (open.every(Boolean)) return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`tauri-driver did not open ports ${ports.join(', ')} within ${ms} ms`)
}

let driverProcess = null
let driverLog = ''
// Several checkouts on one machine can run their end-to-end tests at once on different ports.
const port = Number(process.env.HUIWU_E2E_PORT ?? 4444)
const nativePort = port + 1

export async function startDriver() {
  if (driverProcess) return
  const bin = process.env.TAURI_DRIVER ?? 'tauri-driver'
  // Its own process group: tauri-driver, WebKitWebDriver and every window they started end together.
  driverProcess = spawn(bin, ['--port', String(port), '--native-port', String(nativePort)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    // The windows keep their recent-files list in the data directory: the tests' own, not the
    // machine user's.
    env: { ...process.env, XDG_DATA_HOME: path.join(here, 'out', 'xdg-data') },
  })
  driverProcess.stdout.on('data', (d) => { driverLog += d })
  driverProcess.stderr.on('data', (d) => { driverLog += d })
  driverProcess.on('exit', (code) => { if (code) driverLog += `\n[tauri-driver exited with ${code}]` })
  try {
    await waitForPorts([port, nativePort], 20000)
  } catch (e) {
    throw new Error(`${e.message}\n${driverLog}`)
  }
}

/** Ends tauri-driver and all it started. A window WebDriver's session end did not close (seen now
 *  and then since the commands run off the main thread) would otherwise outlive the test file and,
 *  holding tauri-driver's output pipes, keep node from exiting. */
export function stopDriver() {
  if (driverProcess) {
    try {
      process.kill(-driverProcess.pid, 'SIGTERM')
    } catch {
      driverProcess.kill()
    }
  }
  driverProcess = null
}

/** A fresh working directory for one test. */
export function workdir(name) {
  const dir = path.join(here, 'out', name)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  return dir
}

/** Runs the headless CLI of the same binary and returns its stdout. */
export function cli(args, env = {}) {
  return execFileSync(app, args, { encoding: 'utf8', env: { ...process.env, ...env } })
}

/** Opens the Huiwu window on `db` and returns a WebDriver session. */
export async function openWindow(db) {
  await startDriver()
  const caps = {
    browserName: 'wry',
    'tauri:options': { application: app, args: ['--db', db] },
  }
  return new Builder().usingServer(`http://127.0.0.1:${port}/`).withCapabilities(caps).build()
}

export function byTestId(id) {
  return By.css(`[data-testid="${id}"]`)
}

/** Waits for an element by data-testid and returns it once visible. */
export async function find(driver, id, ms = 15000) {
  const el = await driver.wait(until.elementLocated(byTestId(id)), ms, `no element [data-testid=${id}]`)
  await driver.wait(until.elementIsVisible(el), ms, `[data-testid=${id}] never became visible`)
  return el
}

/** Clicks `el` once nothing (a closing message, an animating dialog, a page still loading) lies
 *  over it; `what` names it in the failure. */
export async function clickWhenFree(driver, el, what, ms = 10000) {
  await driver.wait(async () => {
    try {
      await el.click()
      return true
    } catch (e) {
      if (e.name === 'ElementClickInterceptedError') return false
      throw e
    }
  }, ms, `${what} stayed covered`)
}

/** Waits until `el` is where it was one animation frame before (at most `ms`): a click on a
 *  button that is still sliding in with its drawer or dialog can land beside it, and be lost. */
export async function untilStill(driver, el, ms = 3000) {
  await driver.executeAsyncScript(`
    const [el, ms, done] = arguments
    const end = performance.now() + ms
    let last = ''
    const tick = () => {
      const r = el.getBoundingClientRect()
      const now = [r.x, r.y, r.width, r.height].join()
      if (now === last || performance.now() > end) return done()
      last = now
      requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)`, el, ms)
}

/** Clicks [data-testid=id] once it stands still and nothing lies over it; an element Vue replaced
 *  meanwhile (a stale reference, e.g. a list redrawn as a search answers) is looked up again. */
export async function click(driver, id, ms = 10000) {
  await driver.wait(async () => {
    try {
      const el = await find(driver, id)
      await untilStill(driver, el)
      await el.click()
      return true
    } catch (e) {
      if (e.name === 'ElementClickInterceptedError' || e.name === 'StaleElementReferenceError') return false
      throw e
    }
  }, ms, `[data-testid=${id}] stayed covered or kept being replaced`)
}

/** Waits until the element's text satisfies `pred`, returns the text. An element Vue replaced
 *  meanwhile (a stale reference) is looked up again. */
export async function waitText(driver, id, pred, ms = 15000) {
  let el = await find(driver, id, ms)
  let last = ''
  await driver.wait(async () => {
    try {
      last = (await el.getText()).trim()
    } catch (e) {
      if (e.name !== 'StaleElementReferenceError') throw e
      el = await find(driver, id, ms)
      return false
    }
    return pred(last)
  }, ms)
    .catch((e) => { throw new Error(`[data-testid=${id}] text stayed ${JSON.stringify(last)} (${e.name})`) })
  return last
}

/** Saves a screenshot of the current frame. Without a GPU the app paints without compositing
 *  (src-tauri/src/webview.rs), and WebKitGTK's WebDriver screenshot then waits for the next frame:
 *  an invisible pixel is repainted every frame until the screenshot is taken. */
export async function screenshot(driver, name) {
  // Two animation frames first, so the frame shows what the test just did.
  await driver.executeAsyncScript(
    'const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done()))',
  )
  await driver.executeScript(`
    const px = document.createElement('div')
    px.dataset.huiwuShot = ''
    px.style.cssText = 'position:fixed;left:0;top:0;width:1px;height:1px;opacity:0.01;pointer-events:none'
    document.body.appendChild(px)
    const until = performance.now() + 20000
    const tick = () => {
      if (!px.isConnected || performance.now() > until) return px.remove()
      px.style.opacity = px.style.opacity === '0.01' ? '0.02' : '0.01'
      requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)`)
  mkdirSync(shots, { recursive: true })
  const file = path.join(shots, `${name}.png`)
  try {
    writeFileSync(file, await driver.takeScreenshot(), 'base64')
  } finally {
    await driver.executeScript("document.querySelectorAll('[data-huiwu-shot]').forEach((e) => e.remove())").catch(() => {})
  }
  return file
}

export function xdotool(args) {
  return execFileSync('xdotool', args, { encoding: 'utf8', timeout: 20000 }).trim()
}

/** Waits for the native (GTK) dialog titled `title`, which WebDriver cannot see, focuses it and
 *  plays `steps` ({key} or {type}; type ASCII only: xdotool drops CJK keystrokes under load). */
export async function typeIntoDialog(title, steps) {
  // --sync waits until the window exists; the first match is the dialog (the main window is 会务).
  const id = xdotool(['search', '--sync', '--onlyvisible', '--name', title]).split('\n')[0]
  if (!id) throw new Error(`the dialog «${title}» did not open`)
  // No window manager under Xvfb: give the dialog the keyboard focus, then let GTK settle.
  xdotool(['windowfocus', '--sync', id])
  await new Promise((r) => setTimeout(r, 800))
  for (const step of steps) {
    if (step.key) xdotool(['key', '--clearmodifiers', step.key])
    if (step.type) xdotool(['type', '--delay', '20', step.type])
    await new Promise((r) => setTimeout(r, 300))
  }
}

/** Element Plus puts a data-testid either on the input itself or on its wrapper: the `tag` element. */
export async function field(el, tag) {
  return (await el.getTagName()).toLowerCase() === tag ? el : el.findElement({ css: tag })
}

/** Opens the el-select [data-testid=testId] and picks the option labelled `label`. */
export async function pickOption(driver, testId, label) {
  await click(driver, testId)
  const opt = await driver.wait(
    until.elementLocated(By.xpath(`//li[contains(@class,'el-select-dropdown__item')][normalize-space(.)='${label}']`)),
    10000,
  )
  await driver.wait(until.elementIsVisible(opt), 5000)
  await driver.executeScript('arguments[0].click()', opt)
}
