#!/usr/bin/env node
// npm run bench: how workshop-kit compares with marp-cli and with bare
// marp-core on the same decks. It generates a project of N clients from the
// default workshop (varied profiles, languages, brands and logos), then runs,
// alternating, the kit's HTML build, `marp -I` on the kit's own deck.md files
// and an in-process marp-core render of those files; then PDFs for a subset
// against `marp --pdf -I`; then a rebuild with nothing changed and one after a
// lesson edit. It prints medians, the ratios and one line per goal. Last, the
// peak memory of an HTML build of 1,000 clients (--memory-clients), against
// the goal of 400 MiB; `npm run bench:memory` (--memory-only) runs only that.
//
// Options: --clients N (140) --pdf-clients N (10) --runs N (3)
//          --memory-clients N (1000) --memory-only --keep
import { spawnSync } from 'node:child_process'
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Marp } from '@marp-team/marp-core'
import { findChromium } from '../lib/print/browser.js'

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const args = parseArgs(process.argv.slice(2))
const work = mkdtempSync(path.join(tmpdir(), 'wk-bench-'))
const project = path.join(work, 'project')
const marpBin = path.join(repo, 'node_modules', '.bin', 'marp')
const kitTheme = path.join(repo, 'templates', 'themes', 'workshop-kit.css')
const chromium = findChromium()
/** Peak memory of an HTML build of many clients may not pass this. */
const MEMORY_GOAL_MIB = 400

try {
  main()
} finally {
  if (!args.keep) rmSync(work, { recursive: true, force: true })
  else console.log(`kept ${work}`)
}

function main() {
  if (!args.memoryOnly) speed()
  memory()
}

/** The HTML build of --memory-clients clients, once: its peak resident memory against the goal. */
function memory() {
  const root = path.join(work, 'memory-project')
  generateProject(root, args.memoryClients)
  const built = kit(['build', '--format', 'html', '--out', path.join(work, 'memory-out')], root)
  console.log('')
  console.log(`workshop-kit build --format html, ${args.memoryClients} clients: ${built.seconds.toFixed(2)} s, peak ${Math.round(built.maxRssMiB)} MiB`)
  console.log(`peak-mib-${args.memoryClients}: ${Math.round(built.maxRssMiB)} (goal ${MEMORY_GOAL_MIB}): ${built.maxRssMiB <= MEMORY_GOAL_MIB ? 'pass' : 'FAIL'}`)
}

function speed() {
  const ids = generateProject(project, args.clients)
  console.log(`workshop-kit bench: ${args.clients} clients, ${args.runs} runs each, alternating (project in ${work})`)

  // A first build makes the deck.md files the other tools are given.
  const first = kit(['build', '--format', 'html', '--out', path.join(work, 'warm')])
  const decks = path.join(work, 'decks')
  mkdirSync(decks)
  for (const id of ids) cpSync(path.join(work, 'warm', id, 'deck.md'), path.join(decks, `${id}.md`))
  const slides = ids.reduce((sum, id) => sum + (readFileSync(path.join(decks, `${id}.md`), 'utf8').match(/^---$/gm) ?? []).length - 1, 0)
  console.log(`decks: ${ids.length}, about ${Math.round(slides / ids.length)} slides each; first build ${first.seconds.toFixed(2)} s`)

  const html = { kit: [], marp: [], core: [], rss: [] }
  for (let run = 0; run < args.runs; run++) {
    const built = kit(['build', '--format', 'html', '--out', path.join(work, `html-${run}`)])
    html.kit.push(built.seconds)
    html.rss.push(built.maxRssMiB)
    html.marp.push(timed(marpBin, ['--no-stdin', '--html', '--theme-set', kitTheme, '-I', decks, '-o', path.join(work, `marp-${run}`)]).seconds)
    html.core.push(coreRender(decks))
  }

  const pdfIds = ids.slice(0, args.pdfClients)
  const pdf = { kit: [], marp: [] }
  if (chromium.path) {
    const pdfDecks = path.join(work, 'pdf-decks')
    mkdirSync(pdfDecks)
    for (const id of pdfIds) cpSync(path.join(decks, `${id}.md`), path.join(pdfDecks, `${id}.md`))
    for (let run = 0; run < args.runs; run++) {
      pdf.kit.push(kit(['build', '--format', 'pdf', '--client', pdfIds.join(','), '--out', path.join(work, `pdf-${run}`)]).seconds)
      pdf.marp.push(
        timed(marpBin, ['--no-stdin', '--pdf', '--html', '--theme-set', kitTheme, '-I', pdfDecks, '-o', path.join(work, `marp-pdf-${run}`)], {
          CHROME_PATH: chromium.path,
        }).seconds,
      )
    }
  } else {
    console.log(`PDF runs skipped: ${chromium.reason}`)
  }

  // Rebuilds into one output folder: nothing changed, then one lesson edited.
  const out = path.join(work, 'rebuild')
  kit(['build', '--format', 'html', '--out', out])
  const noop = []
  const edit = []
  const lessons = path.join(project, 'content', 'lessons')
  const edited = path.join(lessons, readdirSync(lessons).sort()[2])
  for (let run = 0; run < args.runs; run++) {
    noop.push(kit(['build', '--format', 'html', '--out', out]).seconds)
    appendFileSync(edited, `\n<!-- edición ${run} -->\n`)
    edit.push(kit(['build', '--format', 'html', '--out', out]).seconds)
  }

  const m = (list) => median(list)
  const rows = [
    [`workshop-kit build --format html (${ids.length} clients: deck, lessons, worksheet, guide)`, m(html.kit)],
    [`marp -I on the ${ids.length} deck.md (HTML)`, m(html.marp)],
    [`marp-core render of the ${ids.length} deck.md, in process, one thread`, m(html.core)],
    [`workshop-kit build --format pdf (${pdfIds.length} clients, every PDF)`, m(pdf.kit)],
    [`marp --pdf -I on those ${pdfIds.length} deck.md`, m(pdf.marp)],
    ['rebuild, nothing changed', m(noop)],
    ['rebuild after one lesson edit', m(edit)],
  ]
  console.log('')
  for (const [label, seconds] of rows) console.log(`${label.padEnd(84)} ${Number.isFinite(seconds) ? `${seconds.toFixed(2)} s` : 'n/a'}`)
  console.log(`per deck: workshop-kit ${ms(m(html.kit) / ids.length)}, marp -I ${ms(m(html.marp) / ids.length)}, marp-core ${ms(m(html.core) / ids.length)}`)
  console.log('')
  const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) ? `${(a / b).toFixed(2)}x` : 'n/a')
  console.log(`html-vs-marp-cli: ${ratio(m(html.kit), m(html.marp))}`)
  console.log(`per-deck-vs-core: ${ratio(m(html.kit), m(html.core))}`)
  console.log(`pdf-vs-marp-cli: ${ratio(m(pdf.kit), m(pdf.marp))}`)
  console.log(`noop-rebuild: ${ratio(m(noop), m(html.kit))}`)
  console.log(`edit-rebuild: ${ratio(m(edit), m(html.kit))}`)
  console.log(`peak-mib: ${Math.round(Math.max(...html.rss))}`)
}

/** Runs the kit's CLI in a child process; wall time and the child's peak memory. */
function kit(cliArgs, root = project) {
  const script = `const { main } = await import(${JSON.stringify(path.join(repo, 'lib', 'cli', 'main.js'))});
const code = await main(${JSON.stringify([...cliArgs, '--root', root])});
process.stderr.write('\\nbench-max-rss ' + process.resourceUsage().maxRSS + '\\n');
process.exit(code)`
  const run = timed(process.execPath, ['--input-type=module', '-e', script])
  const rss = /bench-max-rss (\d+)/.exec(run.stderr)
  return { ...run, maxRssMiB: rss ? Number(rss[1]) / 1024 : NaN }
}

function timed(command, commandArgs, env = {}) {
  const start = process.hrtime.bigint()
  const result = spawnSync(command, commandArgs, { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 })
  const seconds = Number(process.hrtime.bigint() - start) / 1e9
  if (result.status !== 0) {
    throw new Error(`${path.basename(command)} ${commandArgs.slice(0, 3).join(' ')}... failed (exit ${result.status}):\n${result.stderr.slice(-2000)}`)
  }
  return { seconds, stderr: result.stderr }
}

/** The floor: one reused marp-core instance rendering every deck, as marp-cli would without I/O. */
function coreRender(decks) {
  const marp = new Marp({ html: true })
  marp.themeSet.add(readFileSync(kitTheme, 'utf8'))
  const texts = readdirSync(decks).sort().map((f) => readFileSync(path.join(decks, f), 'utf8'))
  const start = process.hrtime.bigint()
  for (const text of texts) marp.render(text)
  return Number(process.hrtime.bigint() - start) / 1e9
}

/** The default workshop with N generated clients: every profile, both languages, varied brands. */
function generateProject(root, count) {
  mkdirSync(path.join(root, 'content', 'clients'), { recursive: true })
  cpSync(path.join(repo, 'content', 'lessons'), path.join(root, 'content', 'lessons'), { recursive: true })
  cpSync(path.join(repo, 'content', 'workshop.yml'), path.join(root, 'content', 'workshop.yml'))
  cpSync(path.join(repo, 'content', 'clients', 'logos'), path.join(root, 'content', 'clients', 'logos'), { recursive: true })
  const logos = readdirSync(path.join(root, 'content', 'clients', 'logos')).sort()
  const sectors = ['restauración', 'banca', 'textil', 'suministro industrial', 'farmacia', 'hostelería', 'logística', 'educación']
  const fonts = ['Helvetica Neue, Arial, sans-serif', 'Georgia, serif', 'Source Sans 3, sans-serif', 'Verdana, sans-serif']
  let seed = 20261122
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
  const pick = (list) => list[Math.floor(random() * list.length)]
  const colour = () => `#${Math.floor(random() * 0xffffff).toString(16).padStart(6, '0')}`
  const ids = []
  for (let i = 0; i < count; i++) {
    const id = `cliente-${String(i + 1).padStart(String(count).length, '0')}`
    ids.push(id)
    const yaml = [
      `name: "${pick(['Grupo', 'Talleres', 'Comercial', 'Hermanos', 'Industrias'])} ${pick(['Norte', 'Sol', 'Atlántico', 'Sierra', 'Levante'])} ${i + 1}"`,
      `sector: ${pick(sectors)}`,
      `size: ${pick(['pyme', 'grande'])}`,
      `model: ${pick(['B2C', 'B2B', 'mixto'])}`,
      `language: ${random() < 0.25 ? 'en' : 'es'}`,
      'brand:',
      `  primary: "${colour()}"`,
      `  secondary: "${colour()}"`,
      `  font: "${pick(fonts)}"`,
      `  logo: logos/${pick(logos)}`,
      'session:',
      `  date: 2027-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
      `  start: "${pick(['09:00', '09:30', '10:00', '16:00'])}"`,
      `  trainer: Formador ${i + 1}`,
    ]
    writeFileSync(path.join(root, 'content', 'clients', `${id}.yml`), yaml.join('\n') + '\n')
  }
  return ids
}

function parseArgs(argv) {
  const options = { clients: 140, pdfClients: 10, runs: 3, memoryClients: 1000, memoryOnly: false, keep: false }
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=')
    const value = () => Number(inline ?? argv[++i])
    if (flag === '--clients') options.clients = value()
    else if (flag === '--pdf-clients') options.pdfClients = value()
    else if (flag === '--runs') options.runs = value()
    else if (flag === '--memory-clients') options.memoryClients = value()
    else if (flag === '--memory-only') options.memoryOnly = true
    else if (flag === '--keep') options.keep = true
    else {
      console.error(`bench: unknown option ${argv[i]} (--clients N, --pdf-clients N, --runs N, --memory-clients N, --memory-only, --keep)`)
      process.exit(2)
    }
  }
  for (const key of ['clients', 'pdfClients', 'runs', 'memoryClients']) {
    if (!Number.isInteger(options[key]) || options[key] < 1) {
      console.error(`bench: --${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} needs a whole number above 0`)
      process.exit(2)
    }
  }
  options.pdfClients = Math.min(options.pdfClients, options.clients)
  return options
}

function median(list) {
  if (!list.length) return NaN
  const sorted = [...list].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

function ms(seconds) {
  return `${(seconds * 1000).toFixed(1)} ms`
}
