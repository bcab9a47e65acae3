#!/usr/bin/env node
// How well the worksheet uses its pages: builds the project's HTML (no
// PDFs), prints each client's worksheet.html on A4 in Chromium, renders the
// PDF and prints, per page, how much of the page's writing area is left
// blank at its bottom (a page that is mostly empty because the next block
// did not fit shows a large number). The last page of a worksheet is not
// counted in the mean: it ends where the content ends.
//
//   npm run build:lib && node scripts/worksheet-pages.mjs [--root DIR] [--client ID] [--dpi 60]
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const args = process.argv.slice(2)
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback)
const root = path.resolve(option('--root', path.join(here, '..')))
const only = option('--client', null)
const dpi = Number(option('--dpi', 60))
const chromium = process.env.CHROME_PATH ?? '/usr/bin/chromium'

const work = mkdtempSync(path.join(os.tmpdir(), 'worksheet-pages-'))
try {
  const out = path.join(work, 'out')
  execFileSync(process.execPath, [path.join(here, '..', 'bin', 'workshop-kit.js'), 'build', '--root', root, '--out', out, '--format', 'html', ...(only ? ['--client', only] : [])], { stdio: ['ignore', 'ignore', 'inherit'] })
  const { chromium: browserType } = await import('playwright-core')
  const context = await browserType.launchPersistentContext(path.join(work, 'profile'), { executablePath: chromium, args: ['--no-sandbox', '--disable-gpu'] })
  try {
    const clients = readdirSync(out, { withFileTypes: true }).filter((d) => d.isDirectory() && d.name !== 'assets').map((d) => d.name).sort()
    for (const client of clients) {
      const page = await context.newPage()
      await page.goto(pathToFileURL(path.join(out, client, 'worksheet.html')).href)
      await page.emulateMedia({ media: 'print' })
      const pdf = path.join(work, `${client}.pdf`)
      await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true })
      await page.close()
      const blanks = blankPerPage(pdf, path.join(work, client))
      const counted = blanks.slice(0, -1)
      const mean = counted.length ? counted.reduce((a, b) => a + b, 0) / counted.length : 0
      const worst = counted.length ? Math.max(...counted) : 0
      console.log(`${client}: ${blanks.length} pages; blank at page bottom: ${blanks.map((b, i) => `p${i + 1} ${b.toFixed(0)}%`).join(', ')}`)
      console.log(`${client}: mean ${mean.toFixed(1)}%, worst ${worst.toFixed(0)}% (last page not counted)`)
    }
  } finally {
    await context.close()
  }
} finally {
  rmSync(work, { recursive: true, force: true })
}

/** Per page, the percentage of the writing area (inside the @page margins) below the last inked row. */
function blankPerPage(pdf, prefix) {
  execFileSync('pdftoppm', ['-r', String(dpi), '-gray', pdf, prefix])
  const files = readdirSync(path.dirname(prefix)).filter((f) => f.startsWith(path.basename(prefix) + '-') && f.endsWith('.pgm')).sort()
  const mm = (n) => Math.round((n / 25.4) * dpi)
  return files.map((file) => {
    const { width, height, pixels } = readPgm(path.join(path.dirname(prefix), file))
    // The page's margins (page.css: 16mm top, 18mm bottom) hold no content, only the page number.
    const top = mm(16)
    const bottom = height - mm(18)
    // Inside the text column only: the side borders of an exercise box cut
    // across pages run down to the page's bottom and would hide the blank.
    const left = mm(15 + 8)
    const right = width - mm(15 + 3)
    let last = top
    for (let y = top; y < bottom; y++) {
      let inked = false
      for (let x = left; x < right; x++) if (pixels[y * width + x] < 235) { inked = true; break }
      if (inked) last = y
    }
    return ((bottom - last - 1) / (bottom - top)) * 100
  })
}

function readPgm(file) {
  const data = readFileSync(file)
  // "P5\n<w> <h>\n<max>\n" then one byte a pixel.
  let offset = 0
  const fields = []
  while (fields.length < 4) {
    while (/\s/.test(String.fromCharCode(data[offset]))) offset++
    let start = offset
    while (!/\s/.test(String.fromCharCode(data[offset]))) offset++
    fields.push(data.toString('latin1', start, offset))
  }
  offset++
  return { width: Number(fields[1]), height: Number(fields[2]), pixels: data.subarray(offset) }
}
