#!/usr/bin/env node
// npm run bench:dev: how long a save takes to reach the open deck. It copies
// the default workshop's content to a temporary project, starts
// `workshop-kit dev --client <id>` on it, opens the client's deck in a real
// headless Chromium on the first slide of a lesson, then edits that lesson
// N times (a new word in the slide's heading each time) and times each edit
// from the file write to the new word on screen. Then the same with
// marp-cli's own server (`marp -s`, which converts on request and reloads
// the page on change) on the kit's deck.md, editing deck.md directly.
// Prints the median and p95 of each, side by side.
//
// Options: --edits N (20) --client ID (banco-meridiano) --keep
import { spawn, spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { findChromium } from '../lib/print/browser.js'

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const args = parseArgs(process.argv.slice(2))
const work = mkdtempSync(path.join(tmpdir(), 'wk-dev-speed-'))
const project = path.join(work, 'project')
const LESSON = 'tres-enfoques'
const children = []
let browser

try {
  await main()
} finally {
  await browser?.close()
  for (const child of children) child.kill('SIGTERM')
  if (!args.keep) rmSync(work, { recursive: true, force: true })
  else console.log(`kept ${work}`)
}

async function main() {
  const found = findChromium()
  if (!found.path) throw new Error(`no Chromium: ${found.reason}`)
  cpSync(path.join(repo, 'content'), path.join(project, 'content'), { recursive: true })
  browser = await chromium.launch({ executablePath: found.path, headless: true, args: ['--no-sandbox', '--disable-gpu'] })

  // workshop-kit dev
  const kitPort = await freePort()
  const kit = start(process.execPath, [path.join(repo, 'bin', 'workshop-kit.js'), 'dev', '--root', project, '--client', args.client, '--port', String(kitPort)], /serving http/)
  await kit.ready
  const lessonFile = path.join(project, 'content', 'lessons', `${LESSON}.md`)
  const kitTimes = await measure({
    url: `http://127.0.0.1:${kitPort}/${args.client}/deck.html`,
    file: lessonFile,
    active: '#wk-stage svg.wk-active',
    slides: '#wk-stage svg[data-marpit-svg]',
  })
  kit.child.kill('SIGINT')

  // marp-cli's server on the kit's deck.md (built by the kit, HTML only).
  const out = path.join(work, 'dist')
  const built = spawnSync(process.execPath, [path.join(repo, 'bin', 'workshop-kit.js'), 'build', '--root', project, '--client', args.client, '--format', 'html', '--out', out], { encoding: 'utf8' })
  if (built.status !== 0) throw new Error(built.stderr)
  const marpPort = await freePort()
  const marp = start(
    path.join(repo, 'node_modules', '.bin', 'marp'),
    ['-s', path.join(out, args.client), '--html', '--theme-set', path.join(repo, 'templates', 'themes')],
    /Start server/,
    { PORT: String(marpPort) },
  )
  await marp.ready
  const marpTimes = await measure({
    url: `http://127.0.0.1:${marpPort}/deck.md`,
    file: path.join(out, args.client, 'deck.md'),
    active: '.bespoke-marp-active',
    slides: 'svg[data-marpit-svg]',
  })
  marp.child.kill('SIGTERM')

  const row = (name, times) => `| ${name.padEnd(34)} | ${ms(median(times)).padStart(6)} | ${ms(p95(times)).padStart(6)} | ${ms(Math.min(...times)).padStart(6)} | ${ms(Math.max(...times)).padStart(6)} |`
  console.log(`\nSave to new text on screen, ${args.edits} edits of ${LESSON}.md (${args.client})`)
  console.log('| server                             | median |    p95 |    min |    max |')
  console.log('| ---------------------------------- | -----: | -----: | -----: | -----: |')
  console.log(row('workshop-kit dev (deck.html)', kitTimes))
  console.log(row('marp -s (deck.md)', marpTimes))
  console.log(`\nworkshop-kit dev, each edit (ms): ${kitTimes.map(ms).join(' ')}\nmarp -s, each edit (ms): ${marpTimes.map(ms).join(' ')}`)
  console.log(`median from the save to the page's reload: workshop-kit dev ${ms(median(kitTimes.reload))} ms, marp -s ${ms(median(marpTimes.reload))} ms (the rest: loading and showing the page)`)
  const goal = median(kitTimes) < 300
  console.log(`\ngoal: median under 300 ms for workshop-kit dev: ${goal ? 'met' : 'NOT met'} (${ms(median(kitTimes))})`)
}

/** Opens `url` on the lesson's first slide, then edits its heading N times, timing each edit until the new word is on the visible slide. */
async function measure({ url, file, active, slides }) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } })
  const original = readFileSync(file, 'utf8')
  const heading = /^# (.+)$/m.exec(original.slice(original.indexOf('# Tres formas')))[1]
  await page.goto(url, { waitUntil: 'load' })
  const index = await page.evaluate(
    // The slide whose heading it is (the agenda names the lesson too).
    ({ slides, heading }) => [...document.querySelectorAll(slides)].findIndex((s) => s.querySelector('h1')?.textContent.includes(heading)),
    { slides, heading },
  )
  if (index < 0) throw new Error(`no slide shows "${heading}" in ${url}`)
  await page.goto(`${url}#${index + 1}`, { waitUntil: 'load' })
  await page.reload({ waitUntil: 'load' })
  const shows = (word) =>
    page.evaluate(({ active, word }) => Boolean(document.querySelector(active)?.textContent.includes(word)), { active, word }).catch(() => false)
  if (!(await shows(heading))) throw new Error(`the slide of "${heading}" is not the one shown at ${url}#${index + 1}`)
  const times = []
  times.reload = []
  let text = original
  try {
    for (let i = 0; i < args.edits; i++) {
      const word = `Vivo${i}q${(i * 7919) % 1000}`
      text = original.replace(`# ${heading}`, `# ${word} ${heading}`)
      const t0 = performance.now()
      const wall = Date.now()
      writeFileSync(file, text)
      const deadline = t0 + 20_000
      while (!(await shows(word))) {
        if (performance.now() > deadline) throw new Error(`edit ${i}: "${word}" never showed at ${url}`)
        await new Promise((resolve) => setTimeout(resolve, 5))
      }
      times.push(performance.now() - t0)
      // Until the page's reload started (the watcher, the rebuild, the event) and from there (loading and showing the page).
      const started = await page.evaluate(() => performance.timeOrigin)
      times.reload.push(Math.max(0, started - wall))
      const slide = await page.evaluate(() => location.hash)
      if (slide !== `#${index + 1}`) throw new Error(`edit ${i}: the page moved to slide ${slide}`)
      // Let the rest of the rebuild (the other pages) finish before the next save.
      await new Promise((resolve) => setTimeout(resolve, 400))
    }
  } finally {
    writeFileSync(file, original)
    await page.close()
  }
  return times
}

function start(command, argv, readyLine, env = {}) {
  const child = spawn(command, argv, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  children.push(child)
  let output = ''
  const ready = new Promise((resolve, reject) => {
    const look = (chunk) => {
      output += chunk
      if (readyLine.test(output)) resolve()
    }
    child.stdout.on('data', look)
    child.stderr.on('data', look)
    child.on('exit', (code) => reject(new Error(`${path.basename(command)} exited (${code}): ${output}`)))
  })
  return { child, ready }
}

function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

function p95(values) {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)]
}

function ms(value) {
  return `${Math.round(value)}`
}

function parseArgs(argv) {
  const result = { edits: 20, client: 'banco-meridiano', keep: false }
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--edits') result.edits = Number(argv[++i])
    else if (argv[i] === '--client') result.client = argv[++i]
    else if (argv[i] === '--keep') result.keep = true
    else throw new Error(`unknown option ${argv[i]}`)
  }
  return result
}
