#!/usr/bin/env node
// npm run pptx-report: how much of the default workshop's PowerPoint is
// editable, and how big it is next to marp-cli's. Builds the repository's
// project (content/) into a temporary folder with --format pptx, one build a
// client (the pptx-picture diagnostics name the lesson file, which every
// client shares, so a build of one client says which pictures are its own),
// and prints per client: slides in deck.pptx, slides that are pictures,
// the editable share, deck.pptx's size; then, unless --no-marp, the size of
// `marp --pptx` on the client's deck.md (marp-cli's PowerPoint is every
// slide a picture) and the ratio kit / marp. Last, a summary line.
//
// Options: --no-marp   skip marp-cli
//          --keep      keep the temporary folder
// Needs the built library (npm run build:lib, which the npm script runs).
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import JSZip from 'jszip'
import { build } from '../lib/index.js'
import { findChromium } from '../lib/print/browser.js'

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const argv = process.argv.slice(2)
const marp = !argv.includes('--no-marp')
const keep = argv.includes('--keep')
const work = mkdtempSync(path.join(tmpdir(), 'wk-pptx-report-'))
const out = path.join(work, 'dist')
const marpBin = path.join(repo, 'node_modules', '.bin', 'marp')
const themes = path.join(repo, 'templates', 'themes')

const chromium = findChromium()
if (!chromium.path) {
  console.error(`pptx-report needs a Chromium: ${chromium.reason}`)
  process.exit(1)
}

const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`
const pad = (text, width, right = false) => (right ? String(text).padStart(width) : String(text).padEnd(width))

try {
  await main()
} finally {
  if (keep) console.log(`kept ${work}`)
  else rmSync(work, { recursive: true, force: true })
}

async function main() {
  const clients = readdirSync(path.join(repo, 'content', 'clients'))
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => f.replace(/\.ya?ml$/, ''))
    .sort()
  const rows = []
  for (const client of clients) {
    const started = Date.now()
    const result = await build({ root: repo, out, clients: [client], formats: ['pptx'], noCache: true })
    const seconds = (Date.now() - started) / 1000
    const errors = result.diagnostics.filter((d) => d.severity === 'error')
    if (errors.length) {
      console.error(`${client}: the build failed:\n${errors.map((d) => `  ${d.file ?? ''}:${d.line ?? ''} ${d.code}: ${d.message}`).join('\n')}`)
      process.exitCode = 1
      continue
    }
    const deckFile = path.join(out, client, 'deck.pptx')
    const zip = await JSZip.loadAsync(readFileSync(deckFile))
    const slides = Object.keys(zip.files).filter((name) => /^ppt\/slides\/slide\d+\.xml$/.test(name)).length
    const pictures = result.diagnostics.filter((d) => d.code === 'pptx-picture' && /\bdeck\.pptx\b/.test(d.message))
    const reasons = new Map()
    for (const d of pictures) {
      const listed = /PowerPoint has nothing for (.*)$/.exec(d.message)?.[1] ?? d.message
      for (const reason of listed.split(/, (?![^(]*\))/)) reasons.set(reason, (reasons.get(reason) ?? 0) + 1)
    }
    const row = {
      client,
      slides,
      pictures: pictures.length,
      editable: slides ? (slides - pictures.length) / slides : 0,
      bytes: statSync(deckFile).size,
      slidesBytes: statSync(path.join(out, client, 'slides.pptx')).size,
      seconds,
      reasons,
      pictureSlides: pictures.map((d) => `${/slide (\d+)/.exec(d.message)?.[1]} (${path.relative(repo, d.file ?? '')}:${d.line})`),
    }
    if (marp) {
      const deckMd = path.join(out, client, 'deck.md')
      if (!existsSync(deckMd)) {
        row.marpError = 'no deck.md in the client folder'
      } else {
        const marpFile = path.join(work, `${client}-marp.pptx`)
        const marpStarted = Date.now()
        // From the client's folder: deck.md names its assets relatively. The
        // file comes first: --theme-set takes every word after it up to the next option.
        const run = spawnSync(
          marpBin,
          ['--no-stdin', deckMd, '--pptx', '--html', '--allow-local-files', ...(existsSync(themes) ? ['--theme-set', themes] : []), '-o', marpFile],
          { cwd: path.dirname(deckMd), env: { ...process.env, CHROME_PATH: chromium.path }, encoding: 'utf8', timeout: 600_000 },
        )
        row.marpSeconds = (Date.now() - marpStarted) / 1000
        if (run.status === 0 && existsSync(marpFile)) {
          row.marpBytes = statSync(marpFile).size
          row.ratio = row.bytes / row.marpBytes
        } else {
          const said = `${run.stderr ?? ''}\n${run.stdout ?? ''}\n${run.error?.message ?? ''}`.trim().split('\n').filter(Boolean).slice(-3).join(' / ')
          row.marpError = `${run.status === 0 ? 'marp wrote no file' : `marp exited ${run.status ?? run.signal}`}: ${said}`
        }
      }
    }
    rows.push(row)
  }

  console.log(`deck.pptx of the default workshop (${path.relative(process.cwd(), path.join(repo, 'content')) || 'content'}), one build a client, ${chromium.path}`)
  const header = [pad('client', 22), pad('slides', 6, true), pad('pictures', 8, true), pad('editable', 8, true), pad('deck.pptx', 10, true), pad('slides.pptx', 11, true), pad('build', 7, true)]
  if (marp) header.push(pad('marp.pptx', 10, true), pad('kit/marp', 8, true), pad('marp', 7, true))
  console.log(header.join('  '))
  for (const r of rows) {
    const cells = [pad(r.client, 22), pad(r.slides, 6, true), pad(r.pictures, 8, true), pad(`${(r.editable * 100).toFixed(1)}%`, 8, true), pad(kb(r.bytes), 10, true), pad(kb(r.slidesBytes), 11, true), pad(`${r.seconds.toFixed(1)} s`, 7, true)]
    if (marp) {
      cells.push(
        pad(r.marpBytes ? kb(r.marpBytes) : '-', 10, true),
        pad(r.ratio ? r.ratio.toFixed(2) : '-', 8, true),
        pad(r.marpSeconds ? `${r.marpSeconds.toFixed(1)} s` : '-', 7, true),
      )
    }
    console.log(cells.join('  '))
  }
  for (const r of rows) {
    if (r.pictures) console.log(`  ${r.client}: pictures: ${r.pictureSlides.join(', ')}; for ${[...r.reasons].map(([reason, n]) => `${reason} ×${n}`).join('; ')}`)
    if (r.marpError) console.log(`  ${r.client}: marp: ${r.marpError}`)
  }

  const slides = rows.reduce((n, r) => n + r.slides, 0)
  const pictures = rows.reduce((n, r) => n + r.pictures, 0)
  const ratios = rows.filter((r) => r.ratio)
  const worst = ratios.reduce((w, r) => (!w || r.ratio > w.ratio ? r : w), undefined)
  const share = slides ? ((100 * (slides - pictures)) / slides).toFixed(1) : '0'
  const ratioText = marp ? (worst ? `, worst kit/marp size ratio ${worst.ratio.toFixed(2)} (${worst.client})` : ', no marp size to compare') : ''
  console.log(`summary: ${rows.length} clients, ${slides} slides, ${pictures} pictures, editable share ${share}%${ratioText}`)
}
