#!/usr/bin/env node
// npm run bench:large: one very large lesson (about 5 MB, 3,000 slides) built
// by the kit (HTML only, one client) against bare marp-core rendering the
// same markdown in process. Each is run in a child process of its own, so
// times include starting Node and loading the libraries, and each reports its
// own peak memory. Runs alternate; medians are printed with the ratio and a
// pass/fail line against the goal (the kit within 3x of marp-core).
//
// Options: --slides N (3000) --runs N (3) --keep
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const GOAL = 3
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const args = parseArgs(process.argv.slice(2))
const work = mkdtempSync(path.join(tmpdir(), 'wk-bench-large-'))
const project = path.join(work, 'project')

try {
  main()
} finally {
  if (!args.keep) rmSync(work, { recursive: true, force: true })
  else console.log(`kept ${work}`)
}

function main() {
  const lesson = generateProject(project, args.slides)
  const megabytes = statSync(lesson).size / 1024 / 1024
  console.log(`workshop-kit bench:large: one lesson of ${args.slides} slides, ${megabytes.toFixed(1)} MB; ${args.runs} runs each, alternating`)
  const kitTimes = []
  const coreTimes = []
  const kitRss = []
  const coreRss = []
  for (let run = 0; run < args.runs; run++) {
    const kit = child(`const { main } = await import(${JSON.stringify(path.join(repo, 'lib', 'cli', 'main.js'))});
const code = await main(${JSON.stringify(['build', '--format', 'html', '--force', '--root', project, '--out', path.join(work, `out-${run}`)])});
if (code !== 0) process.exit(code)`)
    const core = child(`const { readFileSync } = await import('node:fs');
const { Marp } = await import('@marp-team/marp-core');
const marp = new Marp({ html: true });
const { html } = marp.render(readFileSync(${JSON.stringify(lesson)}, 'utf8'));
if (!html.length) process.exit(1)`)
    kitTimes.push(kit.seconds)
    kitRss.push(kit.maxRssMiB)
    coreTimes.push(core.seconds)
    coreRss.push(core.maxRssMiB)
    console.log(`run ${run + 1}: workshop-kit ${kit.seconds.toFixed(2)} s (${Math.round(kit.maxRssMiB)} MiB), marp-core ${core.seconds.toFixed(2)} s (${Math.round(core.maxRssMiB)} MiB)`)
  }
  const kit = median(kitTimes)
  const core = median(coreTimes)
  const ratio = kit / core
  console.log('')
  console.log(`${'workshop-kit build --format html (the lesson, one client)'.padEnd(64)} ${kit.toFixed(2)} s, peak ${Math.round(Math.max(...kitRss))} MiB`)
  console.log(`${'marp-core render of the same markdown, in process'.padEnd(64)} ${core.toFixed(2)} s, peak ${Math.round(Math.max(...coreRss))} MiB`)
  console.log(`large-lesson-vs-core: ${ratio.toFixed(2)}x (goal ${GOAL}x): ${ratio <= GOAL ? 'pass' : 'FAIL'}`)
}

/** Runs a module script in a child Node from the repository; wall time and peak memory. */
function child(script) {
  const wrapped = `${script}\nprocess.stderr.write('\\nbench-max-rss ' + process.resourceUsage().maxRSS + '\\n')`
  const start = process.hrtime.bigint()
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', wrapped], { cwd: repo, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  const seconds = Number(process.hrtime.bigint() - start) / 1e9
  if (result.status !== 0) throw new Error(`a run failed (exit ${result.status}):\n${result.stderr.slice(-3000)}`)
  const rss = /bench-max-rss (\d+)/.exec(result.stderr)
  return { seconds, maxRssMiB: rss ? Number(rss[1]) / 1024 : NaN }
}

/**
 * A project with one client and one lesson of `slides` slides of about
 * 1.75 KB each: headings, paragraphs, lists, tables, code, speaker notes,
 * page directives, images as data: URIs, the kit's exercises and a few client
 * values, varied from slide to slide.
 */
function generateProject(root, slides) {
  mkdirSync(path.join(root, 'content', 'lessons'), { recursive: true })
  mkdirSync(path.join(root, 'content', 'clients'), { recursive: true })
  writeFileSync(path.join(root, 'content', 'workshop.yml'), 'title: Taller grande\nlessons:\n  - grande\n')
  writeFileSync(path.join(root, 'content', 'clients', 'acme.yml'), 'name: Acme Industrial\nmodel: B2B\n')
  let seed = 20261202
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
  const words = 'plan red cliente marca objetivo mensaje canal público medida retorno relación contenido tono equipo tiempo presupuesto empresa valor confianza escucha'.split(' ')
  const sentence = (n) => {
    const list = Array.from({ length: n }, () => words[Math.floor(random() * words.length)])
    return list.join(' ').replace(/^./, (c) => c.toUpperCase()) + '.'
  }
  const paragraph = (sentences) => Array.from({ length: sentences }, () => sentence(8 + Math.floor(random() * 8))).join(' ')
  const parts = ['---', 'title: Una lección muy larga', 'duration: 600', 'paginate: true', '---', '']
  for (let i = 0; i < slides; i++) {
    const slide = []
    if (i % 25 === 0) slide.push('<!-- _class: lead -->', '')
    slide.push(`## ${i + 1}. ${sentence(4).slice(0, -1)}`, '')
    slide.push(paragraph(5), '')
    const kind = i % 6
    if (kind === 0) slide.push(...Array.from({ length: 4 }, () => `- ${sentence(6)}`), '')
    else if (kind === 1) slide.push('| paso | qué | quién |', '| --- | --- | --- |', ...Array.from({ length: 3 }, (_, r) => `| ${r + 1} | ${sentence(4)} | ${sentence(2)} |`), '')
    else if (kind === 2) slide.push('```js', `const slide${i} = ${JSON.stringify(sentence(5))}`, 'console.log(slide' + i + '.length)', '```', '')
    else if (kind === 3) slide.push(`Para {{client.name}}: **${sentence(5)}** y *${sentence(4)}*.`, '')
    else if (kind === 4 && i % 60 === 4) slide.push(`:::exercise{title="Ejercicio ${i}" minutes=5}`, sentence(10), '', '::answer{lines=3}', '', ':::solution', paragraph(1), ':::', ':::', '')
    else slide.push(`1. ${sentence(6)}`, `2. ${sentence(6)}`, `3. ${sentence(6)}`, '')
    slide.push(`> ${paragraph(1)}`, '')
    slide.push('<!--', paragraph(10), '-->', '')
    parts.push(slide.join('\n'))
    if (i < slides - 1) parts.push('---', '')
  }
  const file = path.join(root, 'content', 'lessons', 'grande.md')
  writeFileSync(file, parts.join('\n'))
  return file
}

function parseArgs(argv) {
  const options = { slides: 3000, runs: 3, keep: false }
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=')
    const value = () => Number(inline ?? argv[++i])
    if (flag === '--slides') options.slides = value()
    else if (flag === '--runs') options.runs = value()
    else if (flag === '--keep') options.keep = true
    else {
      console.error(`bench:large: unknown option ${argv[i]} (--slides N, --runs N, --keep)`)
      process.exit(2)
    }
  }
  for (const key of ['slides', 'runs']) {
    if (!Number.isInteger(options[key]) || options[key] < 1) {
      console.error(`bench:large: --${key} needs a whole number above 0`)
      process.exit(2)
    }
  }
  return options
}

function median(list) {
  const sorted = [...list].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}
