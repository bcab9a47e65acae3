// Stopping a build at random moments, HTML and PDF, with Ctrl-C, SIGTERM or
// Ctrl-C twice: each time the output folder holds either the previous kit,
// byte for byte, or (when the build was done before the signal came) the new
// one; never a staging folder, a lock or a browser left behind. The moments
// come from a seeded generator: a failure names its seed and can be replayed.
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { build } from '../../lib/index.js'
import { findChromium } from '../../lib/print/browser.js'
import { expectSameFiles, tree, withoutManifest } from '../helpers/files.js'
import { browserDescendants, stillRunning } from '../helpers/processes.js'
import { minimalLesson, minimalProject, repoRoot } from '../helpers/project.js'
import { seededRandom } from '../helpers/random.js'

const SEED = Number(process.env.INTERRUPT_SEED ?? 20261202)


function project(clients: number): string {
  const files: Record<string, string> = {}
  for (let i = 0; i < clients; i++) files[`content/clients/c${String(i).padStart(2, '0')}.yml`] = `name: Cliente ${i}\nsector: sector ${i % 5}\n`
  return minimalProject(files)
}

type Stop = 'SIGINT' | 'SIGTERM' | 'SIGINT twice'

/** Runs a build, stops it after `afterMs` as `stop` says; the exit code and the browsers it started. */
function stopped(root: string, format: string, afterMs: number, stop: Stop): Promise<{ code: number | null; browsers: number[]; stderr: string }> {
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'workshop-kit.js'), 'build', '--format', format, '--force'], { cwd: root })
  let stderr = ''
  child.stderr.on('data', (chunk) => (stderr += chunk))
  const browsers = new Set<number>()
  const poll = setInterval(() => browserDescendants(child.pid!).forEach((pid) => browsers.add(pid)), 20)
  const timer = setTimeout(() => {
    child.kill(stop === 'SIGTERM' ? 'SIGTERM' : 'SIGINT')
    if (stop === 'SIGINT twice') setTimeout(() => child.kill('SIGINT'), 30)
  }, afterMs)
  return new Promise((resolve) =>
    child.on('close', (code, signal) => {
      clearInterval(poll)
      clearTimeout(timer)
      // Killed by the signal itself: it came before the launcher had set its handlers.
      resolve({ code: signal ? 130 : code, browsers: [...browsers], stderr })
    }),
  )
}

async function cleanKit(root: string, format: 'html' | 'pdf') {
  const out = mkdtempSync(path.join(tmpdir(), 'wk-clean-'))
  expect((await build({ root, out, formats: [format], noCache: true })).ok).toBe(true)
  return withoutManifest(tree(out))
}

const chromium = findChromium()

describe.each([
  { format: 'html' as const, clients: 24, runs: 8 },
  { format: 'pdf' as const, clients: 3, runs: 6 },
])('a $format build stopped at random moments', ({ format, clients, runs }) => {
  it.skipIf(format === 'pdf' && !chromium.path)(`keeps the previous kit or the new one, whole (seed ${SEED})`, async () => {
    const next = seededRandom(SEED + (format === 'pdf' ? 1 : 0))
    const root = project(clients)
    const out = path.join(root, 'dist')
    const started = Date.now()
    expect((await build({ root, out, formats: [format] })).ok).toBe(true)
    // Signals are sent anywhere from the start to a little past a whole build's time.
    const span = (Date.now() - started) * 1.3 + 300
    let expected = withoutManifest(tree(out))
    const stops: Stop[] = ['SIGINT', 'SIGTERM', 'SIGINT twice']
    for (let run = 0; run < runs; run++) {
      writeFileSync(path.join(root, 'content', 'lessons', 'intro.md'), minimalLesson.replace('Texto de la primera diapositiva.', `Versión ${run}.`))
      const afterMs = Math.round(next() * span)
      const stop = stops[Math.floor(next() * stops.length)]
      const { code, browsers, stderr } = await stopped(root, format, afterMs, stop)
      const what = `run ${run}: ${stop} after ${afterMs} ms, exit ${code}\n${stderr}`
      expect([0, 130], what).toContain(code)
      expect(stderr, what).not.toMatch(/internal error|\n\s+at /)
      // A signal can land after the run has reported its kit (exit 0, or killed
      // as the process ends): the new kit is then the one on disk.
      if (code === 0 || /workshop-kit: wrote /.test(stderr)) expected = await cleanKit(root, format)
      expectSameFiles(withoutManifest(tree(out)), expected, what)
      expect(existsSync(path.join(out, '.workshop-kit-staging')), what).toBe(false)
      expect(existsSync(path.join(out, '.workshop-kit.lock')), what).toBe(false)
      expect(stillRunning(browsers), what).toEqual([])
    }
  })
})
