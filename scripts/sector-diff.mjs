// How much the example clients' lessons differ beyond their names: builds the
// HTML kit of a project (default: this repository's workshop) and, for each
// pair of clients in the same language, compares the words of the lesson
// pages both get (the slides' visible text, each client's name, venue and
// trainer taken out) with a word-level diff. Prints the share of words the
// diff marks as changed per pair, and the most alike pair. Run after `npm run build:lib`:
//
//   node scripts/sector-diff.mjs [--root DIR] [--guide] [--by-lesson]
//
// --by-lesson also prints, for each lesson page, its most alike pair.
// --guide compares the facilitator guides instead (model answers included).
import { mkdtempSync, readFileSync, readdirSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { build } from '../lib/index.js'

const { values } = parseArgs({ options: { root: { type: 'string' }, guide: { type: 'boolean' }, 'by-lesson': { type: 'boolean' } } })
const root = path.resolve(values.root ?? path.join(import.meta.dirname, '..'))
const out = mkdtempSync(path.join(tmpdir(), 'wk-sector-diff-'))
const result = await build({ root, out, formats: ['html'], noCache: true })
if (!result.ok) {
  console.error('the build failed:', result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message).join('\n'))
  process.exit(1)
}

const decode = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')
/** The visible words of a page: its slides (deck pages) or its body (the guide), without scripts, styles and notes. */
function words(html, hidden) {
  let body = values.guide ? html.slice(html.indexOf('<body')) : html.slice(html.indexOf('<main id="wk-stage"'), html.indexOf('</main>'))
  body = body.replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ').replace(/<svg class="wk-thumb[\s\S]*?<\/svg>/g, ' ')
  let text = decode(body.replace(/<[^>]+>/g, ' '))
  for (const value of hidden) if (value) text = text.split(value).join(' ')
  return text.toLowerCase().match(/\p{L}+/gu) ?? []
}

/**
 * Words a word-level diff marks as changed (as `git diff --word-diff` would):
 * both texts' words outside their longest common subsequence. Returned as
 * [changed, total] so pages add up.
 */
function changedWords(a, b) {
  let previous = new Uint32Array(b.length + 1)
  let row = new Uint32Array(b.length + 1)
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) row[j] = a[i - 1] === b[j - 1] ? previous[j - 1] + 1 : Math.max(previous[j], row[j - 1])
    ;[previous, row] = [row, previous]
  }
  const common = previous[b.length]
  return [a.length + b.length - 2 * common, a.length + b.length]
}

const clients = result.clients.map((id) => {
  const index = readFileSync(path.join(out, id, 'index.html'), 'utf8')
  const lang = /<html lang="([^"]+)"/.exec(index)?.[1] ?? ''
  const yml = readFileSync(path.join(root, 'content', 'clients', `${id}.yml`), 'utf8')
  const field = (name) => new RegExp(`^\\s*${name}:\\s*(.+)$`, 'm').exec(yml)?.[1]?.trim().replace(/^["']|["']$/g, '')
  const hidden = [field('name'), field('venue'), field('trainer')]
  const pages = new Map()
  if (values.guide) pages.set('guide', words(readFileSync(path.join(out, id, 'guide.html'), 'utf8'), hidden))
  else {
    const dir = path.join(out, id, 'lessons')
    for (const file of existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.html')) : []) pages.set(file, words(readFileSync(path.join(dir, file), 'utf8'), hidden))
  }
  return { id, lang, pages }
})

const rows = []
const byPage = new Map()
for (let i = 0; i < clients.length; i++) {
  for (let j = i + 1; j < clients.length; j++) {
    const [a, b] = [clients[i], clients[j]]
    if (a.lang !== b.lang) continue
    const shared = [...a.pages.keys()].filter((page) => b.pages.has(page))
    if (!shared.length) continue
    let changed = 0
    let total = 0
    for (const page of shared) {
      const [c, t] = changedWords(a.pages.get(page), b.pages.get(page))
      changed += c
      total += t
      const worst = byPage.get(page)
      if (!worst || c / t < worst.share) byPage.set(page, { share: c / t, pair: `${a.id} / ${b.id}` })
    }
    rows.push({ pair: `${a.id} / ${b.id}`, pages: shared.length, words: Math.round(total / 2), differing: changed / total })
  }
}
rows.sort((x, y) => x.differing - y.differing)
console.log(`${values.guide ? 'guides' : 'lesson pages'} compared, pairs of clients in the same language:`)
for (const row of rows) console.log(`  ${row.pair.padEnd(50)} ${String(row.pages).padStart(2)} ${values.guide ? 'page' : 'lessons'}  ${String(row.words).padStart(6)} words  ${(row.differing * 100).toFixed(1).padStart(5)}% differ`)
if (values['by-lesson']) {
  console.log('each lesson page, its most alike pair:')
  for (const [page, { share, pair }] of [...byPage].sort((x, y) => x[1].share - y[1].share)) console.log(`  ${page.padEnd(32)} ${(share * 100).toFixed(1).padStart(5)}%  ${pair}`)
}
if (rows.length) console.log(`most alike: ${rows[0].pair}, ${(rows[0].differing * 100).toFixed(1)}% of words differ`)
