// Every example of the CommonMark spec (0.31.2, the commonmark-spec package)
// as a lesson of its own, built in one workshop: each lesson page and each
// lesson's part of deck.html is compared with marp-core's render of the
// example alone (scripts/marp-compare.mjs says what is normalized).
//
//   npm run commonmark          prints "N/M examples render as marp-core" and the failures
//
// tests/slow/commonmark.test.ts runs the same check.
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { createRequire } from 'node:module'
import { deckPartSlides, marpCoreSlides, normalizedSlides, referenceMarp, withKitAssets } from './marp-compare.mjs'

const require = createRequire(import.meta.url)

/**
 * Examples that cannot match, by number, with the reason. They are left out
 * of the workshop (a lesson the kit refuses stops the build) and reported
 * apart.
 */
export const EXCLUDED = {}

/** The spec's examples, with the tabs the spec writes as "→". */
export function commonmarkExamples() {
  const spec = require('commonmark-spec')
  return spec.tests.map((t) => ({ number: t.number, section: t.section, markdown: t.markdown.replace(/→/g, '\t') }))
}

/**
 * Builds the examples as one workshop with `build` (the kit's library) and
 * compares. Returns { total, passed: number[], failed: [{ number, section, where }], excluded }.
 */
export async function checkCommonmark(build, { keep = false } = {}) {
  const all = commonmarkExamples()
  const examples = all.filter((e) => !EXCLUDED[e.number])
  const root = mkdtempSync(path.join(tmpdir(), 'wk-commonmark-'))
  const id = (n) => `ex-${String(n).padStart(3, '0')}`
  mkdirSync(path.join(root, 'content', 'lessons'), { recursive: true })
  mkdirSync(path.join(root, 'content', 'clients'), { recursive: true })
  writeFileSync(path.join(root, 'content', 'workshop.yml'), `title: CommonMark\nlessons:\n${examples.map((e) => `  - ${id(e.number)}\n`).join('')}`)
  writeFileSync(path.join(root, 'content', 'clients', 'c.yml'), 'name: Cliente\n')
  // The images an example names are made in the project, and named as the kit's copies (see withKitAssets).
  const named = new Map()
  for (const e of examples) {
    const file = path.join(root, 'content', 'lessons', `${id(e.number)}.md`)
    writeFileSync(file, e.markdown)
    named.set(e.number, await withKitAssets(root, file, e.markdown))
  }
  const result = await build({ root, formats: ['html'] })
  const errors = result.diagnostics.filter((d) => d.severity === 'error')
  const marp = referenceMarp()
  const passed = []
  const failed = []
  const deckFile = path.join(root, 'dist', 'c', 'deck.html')
  const deck = errors.length ? '' : readFileSync(deckFile, 'utf8')
  examples.forEach((e, index) => {
    const expected = marpCoreSlides(marp, named.get(e.number).page)
    const where = []
    if (errors.length) where.push('build failed')
    else {
      const page = normalizedSlides(readFileSync(path.join(root, 'dist', 'c', 'lessons', `${id(e.number)}.html`), 'utf8'))
      if (JSON.stringify(page) !== JSON.stringify(expected)) where.push('lesson page')
      // Part 0 is the opening (title and agenda), then one part per lesson.
      if (JSON.stringify(deckPartSlides(deck, index + 1)) !== JSON.stringify(marpCoreSlides(marp, named.get(e.number).deck))) where.push('deck.html')
    }
    if (where.length) failed.push({ number: e.number, section: e.section, where, excluded: EXCLUDED[e.number] })
    else passed.push(e.number)
  })
  for (const e of all) if (EXCLUDED[e.number]) failed.push({ number: e.number, section: e.section, where: ['not built'], excluded: EXCLUDED[e.number] })
  failed.sort((a, b) => a.number - b.number)
  if (!keep) rmSync(root, { recursive: true, force: true })
  return { total: all.length, passed, failed, errors, root }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { build } = await import(pathToFileURL(path.resolve(import.meta.dirname, '..', 'lib', 'index.js')).href)
  const { total, passed, failed, errors } = await checkCommonmark(build)
  for (const e of errors) console.log(`build error: ${e.file ?? ''}:${e.line ?? ''}: ${e.message}`)
  console.log(`${passed.length}/${total} examples render as marp-core (lesson page and deck.html)`)
  const excluded = failed.filter((f) => f.excluded)
  const real = failed.filter((f) => !f.excluded)
  if (excluded.length) {
    console.log(`\nCannot match (${excluded.length}):`)
    for (const f of excluded) console.log(`  example ${f.number} (${f.section}): ${f.excluded}`)
  }
  if (real.length) {
    console.log(`\nFailures (${real.length}):`)
    for (const f of real) console.log(`  example ${f.number} (${f.section}): ${f.where.join(', ')}`)
  }
  process.exitCode = real.length ? 1 : 0
}
