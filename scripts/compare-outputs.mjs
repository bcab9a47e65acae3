#!/usr/bin/env node
// Same bytes out: builds a fixed set of projects (the default workshop, every
// fixture under tests/fixtures, the Marp corpus as one workshop and each corpus
// deck on its own) through the CLI, HTML and PDF, and either records the
// outputs or compares them with a recording, byte for byte.
//
//   node scripts/compare-outputs.mjs record  <dir>   # before a change
//   node scripts/compare-outputs.mjs compare <dir>   # after it: exit 1 on any difference
//
// Run `npm run build:lib` first: the CLI runs the compiled library. Besides
// the files, each project's diagnostics (code, place, severity, message, hint
// from --json) and exit code are compared. The kit's own record
// (.workshop-kit.json) is left out: it holds fingerprints of the kit's code,
// which any change to the code changes.
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

const repo = path.resolve(import.meta.dirname, '..')
const [mode, target] = process.argv.slice(2)
if (!['record', 'compare'].includes(mode) || !target) {
  console.error('usage: node scripts/compare-outputs.mjs record|compare <dir>')
  process.exit(2)
}
const dir = path.resolve(target)
const cli = path.join(repo, 'bin', 'workshop-kit.js')

/** Every project to build: a name and a root folder holding content/. */
function projects() {
  const list = [{ name: 'default', root: repo }]
  const fixtures = path.join(repo, 'tests', 'fixtures')
  for (const name of readdirSync(fixtures).sort()) {
    if (existsSync(path.join(fixtures, name, 'content'))) list.push({ name: `fixture-${name}`, root: path.join(fixtures, name) })
  }
  const shared = path.resolve(repo, '..', 'shared', 'corpus', 'marp-decks')
  const corpus = existsSync(shared) ? shared : path.join(fixtures, 'marp-corpus')
  const decks = readdirSync(corpus).filter((f) => f.endsWith('.md') && f !== 'README.md').sort()
  const themes = readdirSync(corpus).filter((f) => f.endsWith('.css')).sort()
  const work = mkdtempSync(path.join(tmpdir(), 'wk-compare-'))
  const corpusProject = (name, lessonFiles) => {
    const root = path.join(work, name)
    mkdirSync(path.join(root, 'content', 'lessons'), { recursive: true })
    mkdirSync(path.join(root, 'content', 'clients'), { recursive: true })
    mkdirSync(path.join(root, 'templates', 'themes'), { recursive: true })
    const ids = lessonFiles.map((f) => f.replace(/\.md$/, ''))
    writeFileSync(path.join(root, 'content', 'workshop.yml'), `title: Corpus\nlessons:\n${ids.map((id) => `  - ${id}\n`).join('')}`)
    writeFileSync(path.join(root, 'content', 'clients', 'c.yml'), 'name: Cliente\n')
    for (const f of lessonFiles) cpSync(path.join(corpus, f), path.join(root, 'content', 'lessons', f))
    for (const f of themes) cpSync(path.join(corpus, f), path.join(root, 'templates', 'themes', f))
    return { name, root }
  }
  list.push(corpusProject('corpus-all', decks))
  for (const deck of decks) list.push(corpusProject(`corpus-${deck.replace(/\.md$/, '')}`, [deck]))
  return { list, work }
}

function filesUnder(folder, prefix = '') {
  if (!existsSync(folder)) return []
  const found = []
  for (const entry of readdirSync(folder).sort()) {
    const full = path.join(folder, entry)
    const relative = prefix ? `${prefix}/${entry}` : entry
    if (statSync(full).isDirectory()) found.push(...filesUnder(full, relative))
    else if (entry !== '.workshop-kit.json') found.push(relative)
  }
  return found
}

function buildInto(project, out) {
  rmSync(out, { recursive: true, force: true })
  const run = spawnSync(process.execPath, [cli, 'build', '--root', project.root, '--out', out, '--format', 'html,pdf', '--force', '--json'], {
    cwd: project.root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
  let diagnostics = []
  try {
    diagnostics = JSON.parse(run.stdout).diagnostics ?? []
  } catch {
    diagnostics = [{ unparsed: run.stdout }]
  }
  return {
    exit: run.status,
    diagnostics: diagnostics.map(({ code, file, line, column, severity, message, hint }) => ({ code, file, line, column, severity, message, hint })),
  }
}

const { list, work } = projects()
let differences = 0
for (const project of list) {
  const out = mode === 'record' ? path.join(dir, project.name) : path.join(work, 'out', project.name)
  const outcome = buildInto(project, out)
  const summary = JSON.stringify(outcome, null, 2) + '\n'
  if (mode === 'record') {
    writeFileSync(path.join(dir, `${project.name}.result.json`), summary)
    console.log(`${project.name}: exit ${outcome.exit}, ${filesUnder(out).length} files, ${outcome.diagnostics.length} diagnostics`)
    continue
  }
  const differencesBefore = differences
  const say = (what) => {
    differences++
    console.log(`${project.name}: ${what}`)
  }
  const recorded = JSON.parse(readFileSync(path.join(dir, `${project.name}.result.json`), 'utf8'))
  if (recorded.exit !== outcome.exit) say(`exit code ${recorded.exit} -> ${outcome.exit}`)
  const lines = (list) => list.map((d) => JSON.stringify(d))
  const [was, now] = [lines(recorded.diagnostics), lines(outcome.diagnostics)]
  for (const d of was.filter((d) => !now.includes(d))) say(`diagnostic - ${d}`)
  for (const d of now.filter((d) => !was.includes(d))) say(`diagnostic + ${d}`)
  const before = filesUnder(path.join(dir, project.name))
  const after = filesUnder(out)
  for (const file of before.filter((f) => !after.includes(f))) say(`missing ${file}`)
  for (const file of after.filter((f) => !before.includes(f))) say(`new ${file}`)
  for (const file of after.filter((f) => before.includes(f))) {
    if (!readFileSync(path.join(dir, project.name, file)).equals(readFileSync(path.join(out, file)))) say(`differs ${file}`)
  }
  if (differences === differencesBefore) console.log(`${project.name}: same (${after.length} files)`)
}
rmSync(work, { recursive: true, force: true })
if (mode === 'compare') {
  console.log(differences ? `${differences} difference(s)` : 'every output is byte-identical')
  process.exit(differences ? 1 : 0)
}
