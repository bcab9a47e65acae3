// How a build was asked for, and what that means: the options of the
// library API and the plan the pipeline follows (where to read and write,
// which formats, whether pages are inspected), worked out in one place.
import { existsSync, realpathSync, statSync } from 'node:fs'
import path from 'node:path'
import type { Diagnostic } from '../diagnostics/reporter.js'
import { usageError } from '../diagnostics/errors.js'
import { findChromium } from '../print/browser.js'
import { CLIENT_ID } from '../project/schema.js'

export interface BuildOptions {
  /** Project folder holding content/ (and optionally templates/). */
  root: string
  /** Output folder; default <root>/dist. */
  out?: string
  /** Build only these client ids; default all. */
  clients?: string[]
  /** false: validate and render everything, write nothing (the "check" command). */
  write?: boolean
  /**
   * What to write. Default: HTML, plus PDF when a Chromium is found (else
   * PDFs are skipped with a warning). Asking for "pdf" without a browser is
   * a usage error.
   */
  formats?: OutputFormat[]
  /**
   * Load every deck in the browser and report overflowing slides and answer
   * boxes split across pages (warnings). Default: on for "check" and for
   * builds that print; off for HTML-only builds.
   */
  inspect?: boolean
  /** Warnings count as errors (nothing is written). */
  strict?: boolean
  /** Longest a page may take to load and print. Default 60 s. */
  timeoutMs?: number
  /** Stops the build (the browser is closed, nothing is written). */
  signal?: AbortSignal
  /** Environment to find Chromium in (CHROME_PATH); default process.env. */
  env?: Record<string, string | undefined>
  /** Worker threads for the clients; default: one on 2 cores or fewer, else the cores minus one, with 4 clients a worker at least (workers.ts). */
  jobs?: number
  /** Progress of a long build: clients built, then pages printed. */
  onProgress?: (progress: BuildProgress) => void
  /** Build every client again, even those whose kit is up to date. */
  noCache?: boolean
  /** Build only the index-th of count slices of the clients (1-based), e.g. for a CI matrix. */
  shard?: { index: number; count: number }
}

/** The clients of one shard: every count-th client from the index-th, in project order. */
export function shardOf<T>(clients: T[], shard: { index: number; count: number }): T[] {
  return clients.filter((_, i) => i % shard.count === shard.index - 1)
}

export interface BuildProgress {
  step: 'build' | 'print'
  done: number
  total: number
  /** The client just built, or the page just printed. */
  current: string
}

/** The longest wait Node's timers can hold (2^31 - 1 ms). */
export const MAX_TIMEOUT_MS = 2_000_000_000

/** pptx: deck.pptx (with notes) and slides.pptx; png: slides/001.png... (both drawn in the browser). */
export type OutputFormat = 'html' | 'pdf' | 'pptx' | 'png'
export const OUTPUT_FORMATS: OutputFormat[] = ['html', 'pdf', 'pptx', 'png']

export interface BuildResult {
  ok: boolean
  out: string
  /** Clients built, in order. */
  clients: string[]
  /** Files written (or that would be), relative to `out`. */
  outputs: string[]
  /** Clients whose kit was already up to date and was left as it was. */
  upToDate: string[]
  /** How many of `outputs` this run wrote (the rest belong to up-to-date clients). */
  written: number
  diagnostics: Diagnostic[]
}

export interface BuildPlan {
  root: string
  out: string
  /** false for "check": everything is rendered, nothing written. */
  writing: boolean
  /** The Chromium to print and inspect with, or why there is none. */
  chromium: { path?: string; reason: string }
  pdf: boolean
  /** PowerPoint files (deck.pptx, slides.pptx) and slide pictures (slides/001.png...). */
  pptx: boolean
  png: boolean
  /** HTML pages are kept (they are always made: the print stage loads them). */
  html: boolean
  inspect: boolean
  /** Only some clients are built (--client, --shard): other kits in the output folder stay. */
  partial: boolean
}

/** The plan of a build, or a UsageError when it cannot be asked for like this. */
export function planBuild(options: BuildOptions): BuildPlan {
  const root = path.resolve(options.root)
  const out = path.resolve(options.out ?? path.join(root, 'dist'))
  if (!existsSync(root) || !statSync(root).isDirectory()) throw usageError('project-not-found', { root })
  if (!existsSync(path.join(root, 'content'))) {
    throw usageError('no-content-folder', { root })
  }
  checkOutIsSafe(root, out)
  // The browser is looked for before any work, so a missing one fails fast.
  const writing = options.write !== false
  const chromium = findChromium(options.env)
  const drawn = options.formats?.find((format) => format !== 'html')
  if (writing && drawn && !chromium.path) {
    throw usageError('pdf-needs-browser', { reason: chromium.reason, format: drawn })
  }
  const pdf = writing && (options.formats ? options.formats.includes('pdf') : chromium.path !== undefined)
  return {
    root,
    out,
    writing,
    chromium,
    pdf,
    pptx: writing && Boolean(options.formats?.includes('pptx')),
    png: writing && Boolean(options.formats?.includes('png')),
    html: !options.formats || options.formats.includes('html'),
    inspect: options.inspect ?? (!writing || pdf),
    partial: Boolean(options.clients?.length || options.shard),
  }
}

/**
 * The kit writes one folder per client, an index and its record at the top
 * of --out. An --out that is the project, lies inside its sources, or holds
 * them under a name a client folder could take is refused before anything
 * is read or written.
 */
function checkOutIsSafe(root: string, out: string): void {
  const project = realPath(root)
  const target = realPath(out)
  if (target === project) throw usageError('unsafe-out', { out, reason: 'root', folder: 'content/ and templates/' })
  for (const folder of ['content', 'templates']) {
    const sources = path.join(project, folder)
    if (target === sources || isInside(target, sources)) throw usageError('unsafe-out', { out, reason: 'inside', folder: `${folder}/` })
  }
  if (isInside(project, target)) {
    const top = path.relative(target, project).split(path.sep)[0]
    if (CLIENT_ID.test(top)) throw usageError('unsafe-out', { out, reason: 'contains', folder: `folder (${top}/)` })
  }
}

const isInside = (file: string, folder: string) => file.startsWith(folder + path.sep)

/** The real path of a file that may not exist yet: its nearest existing folder's, followed by the rest. */
function realPath(file: string): string {
  const absolute = path.resolve(file)
  for (let known = absolute; ; known = path.dirname(known)) {
    if (existsSync(known)) return path.join(realpathSync(known), path.relative(known, absolute))
    if (path.dirname(known) === known) return absolute
  }
}
