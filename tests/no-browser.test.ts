// A machine without Chromium: asking for PDFs fails and says how to get a
// browser; a plain build writes the HTML kit and says PDFs were skipped.
// (The browser itself, PDFs and print checks: tests/slow/.)
import { existsSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { findChromium } from '../lib/print/browser.js'
import { runCli } from './helpers/cli.js'
import { minimalProject } from './helpers/project.js'

describe('the browser on every way out', () => {
  it('without a browser: --format pdf fails saying how to get one; a plain build skips PDFs and says why', () => {
    const root = minimalProject()
    const env = { CHROME_PATH: path.join(root, 'no-chromium-here') }
    const asked = runCli(['build', '--format', 'pdf'], root, env)
    expect(asked.code).toBe(2)
    expect(asked.stderr).toContain('CHROME_PATH')
    expect(asked.stderr).toContain('apt-get install -y chromium')
    expect(existsSync(path.join(root, 'dist'))).toBe(false)

    const plain = runCli(['build'], root, env)
    expect(plain.code).toBe(0)
    expect(plain.stderr).toMatch(/workshop-kit: warning: PDFs were skipped: CHROME_PATH points to .*no-chromium-here/)
    expect(existsSync(path.join(root, 'dist', 'acme', 'deck.html'))).toBe(true)
    expect(existsSync(path.join(root, 'dist', 'acme', 'deck.pdf'))).toBe(false)
  })
})

describe('finding a browser', () => {
  const only = (path: string) => (file: string) => file === path

  it('finds Chrome, Chromium or Edge where macOS and Windows install them', () => {
    const chrome = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'
    expect(findChromium({}, 'darwin', only(chrome)).path).toBe(chrome)
    const mine = '/Users/ana/Applications/Chromium.app/Contents/MacOS/Chromium'
    expect(findChromium({ HOME: '/Users/ana' }, 'darwin', only(mine)).path).toBe(mine)
    const env = { LOCALAPPDATA: 'C:\\Users\\ana\\AppData\\Local', PROGRAMFILES: 'C:\\Program Files', 'PROGRAMFILES(X86)': 'C:\\Program Files (x86)' }
    const windowsChrome = 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe'
    expect(findChromium(env, 'win32', only(windowsChrome)).path).toBe(windowsChrome)
    const edge = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe'
    expect(findChromium(env, 'win32', only(edge)).path).toBe(edge)
  })

  it('CHROME_PATH wins, and a system with none says where it looked', () => {
    expect(findChromium({ CHROME_PATH: '/opt/chrome' }, 'linux', only('/opt/chrome')).path).toBe('/opt/chrome')
    const none = findChromium({}, 'darwin', () => false)
    expect(none.path).toBeUndefined()
    expect(none.reason).toContain('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome')
  })
})
