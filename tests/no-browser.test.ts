// A machine without Chromium: asking for PDFs fails and says how to get a
// browser; a plain build writes the HTML kit and says PDFs were skipped.
// (The browser itself, PDFs and print checks: tests/slow/.)
import { existsSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
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
