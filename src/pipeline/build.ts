// The library entry point: build(options) runs load -> validate -> each
// client (client-build.ts: template, parse, compose, render, pages; spread
// over worker threads) -> print -> write and returns what it wrote and every
// diagnostic. The CLI is a thin shell over this.
import { existsSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import type { WorkshopData } from '../project/cascade.js'
import { findChromium, INSTALL_HINT } from '../print/browser.js'
import { diagnostic, type Diagnostic, DiagnosticBag, positionAt } from '../diagnostics/diagnostics.js'
import type { PrintPage } from '../print/print-pages.js'
import type { Views } from '../kit/views.js'
import { allExist, buildFingerprint, extraInputsOf, kitFingerprint, RebuildCache, type CachedClient, type RebuildRecord } from '../output/rebuild-cache.js'
import { readManifest, Staging } from '../output/staging.js'
import { UsageError } from '../diagnostics/errors.js'
export { UsageError }

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
  env?: NodeJS.ProcessEnv
  /** Worker threads for the clients; default: the machine's cores when there are clients enough. */
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

export type OutputFormat = 'html' | 'pdf'
export const OUTPUT_FORMATS: OutputFormat[] = ['html', 'pdf']

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


export async function build(options: BuildOptions): Promise<BuildResult> {
  const root = path.resolve(options.root)
  const out = path.resolve(options.out ?? path.join(root, 'dist'))
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new UsageError(`project folder not found: ${root}`)
  if (!existsSync(path.join(root, 'content'))) {
    throw new UsageError(`no content/ folder in ${root}: pass --root pointing at a workshop-kit project`)
  }
  const bag = new DiagnosticBag()
  const fail = (): BuildResult => ({ ok: false, out, clients: [], outputs: [], upToDate: [], written: 0, diagnostics: bag.list() })

  // The browser is looked for before any work, so a missing one fails fast.
  const writing = options.write !== false
  const chromium = findChromium(options.env)
  if (writing && options.formats?.includes('pdf') && !chromium.path) {
    throw new UsageError(`PDF output needs Chromium, and ${chromium.reason}. ${INSTALL_HINT}`)
  }

  // The same build as last time, over the same files: nothing to do, and
  // nothing else needs loading (a rebuild after no change takes milliseconds).
  const previous = readManifest(out)
  const fingerprintSettings = {
    clients: options.clients ?? null,
    shard: options.shard ?? null,
    formats: options.formats ?? null,
    inspect: options.inspect ?? null,
    strict: Boolean(options.strict),
    chromium: chromium.path ?? null,
  }
  const fingerprintExtras = previous.last?.extraInputs ?? []
  const kit = writing ? kitFingerprint() : ''
  const fingerprint = writing ? buildFingerprint(kit, root, fingerprintSettings, fingerprintExtras) : ''
  const last = previous.last
  if (writing && !options.noCache && last?.fingerprint && last.fingerprint === fingerprint && allExist(out, last.outputs)) {
    return { ok: true, out, clients: last.clients, outputs: last.outputs, upToDate: last.clients, written: 0, diagnostics: last.diagnostics }
  }

  const { loadProject } = await import('../project/load.js')
  const project = loadProject(root, bag)
  if (project && options.clients?.length) {
    const known = project.clients.map((c) => c.id)
    const unknown = options.clients.filter((id) => !known.includes(id) && !existsSync(path.join(root, 'content', 'clients', `${id}.yml`)))
    if (unknown.length) {
      throw new UsageError(`unknown client ${unknown.map((id) => `"${id}"`).join(', ')} (clients: ${known.join(', ') || 'none'})`)
    }
  }
  if (!project) return fail()
  const loadClientBuild = () => import('../kit/build-client.js')
  // Lessons are checked even when a client file has errors: one run reports all.
  if (bag.hasErrors) {
    ;(await loadClientBuild()).prepareKit(project, bag)
    return fail()
  }

  const chosen = options.clients?.length ? project.clients.filter((c) => options.clients!.includes(c.id)) : project.clients
  const selected = options.shard ? shardOf(chosen, options.shard) : chosen
  const partial = Boolean(options.clients?.length || options.shard)
  const wantPdf = writing && (options.formats ? options.formats.includes('pdf') : chromium.path !== undefined)
  const inspect = options.inspect ?? (!writing || wantPdf)
  const keepHtml = !options.formats || options.formats.includes('html')

  // Clients whose kit on disk is already what this build would write are left
  // alone ("check" always renders everything: it is asked to look).
  const cache = writing && !options.noCache ? new RebuildCache(project, previous.rebuild, out, kit, { pdf: wantPdf, html: keepHtml, inspect, chromium: chromium.path ?? null }) : undefined
  const reused = new Map<string, CachedClient>()
  for (const entry of selected) {
    const record = cache?.upToDate(entry)
    if (record) reused.set(entry.id, record)
  }
  const fresh = selected.filter((entry) => !reused.has(entry.id))
  let outputs: string[] = []
  let written = 0

  const staging = new Staging(writing ? out : undefined)
  try {
    const plans: PrintPage[][] = []
    const clientDiagnostics = new Map<string, Diagnostic[]>()
    const { Views, renderProjectIndex } = await import('../kit/views.js')
    let views: Views
    if (fresh.length) {
      const tools = (await loadClientBuild()).prepareKit(project, bag)
      if (bag.hasErrors) return fail()
      views = tools.views
      const { buildClients, defaultJobs } = await import('./workers.js')
      let builtCount = 0
      await buildClients(
        fresh,
        tools,
        options.jobs ?? defaultJobs(fresh.length),
        (index, built) => {
          options.onProgress?.({ step: 'build', done: ++builtCount, total: fresh.length, current: fresh[index].id })
          for (const file of built.files) staging.write(file)
          plans[index] = built.print
          clientDiagnostics.set(fresh[index].id, built.diagnostics)
          bag.addAll(built.diagnostics)
        },
        options.signal,
      )
    } else {
      const pending: Diagnostic[] = []
      views = new Views(root, pending)
      bag.addAll(pending)
    }
    for (const record of reused.values()) bag.addAll(record.diagnostics)
    const pending: Diagnostic[] = []
    // A shard's index lists every client: the shards' folders are meant to be put together.
    for (const file of renderProjectIndex(project, out, options.shard ? project.clients : selected, views, pending)) staging.write(file)
    bag.addAll(pending)
    if (bag.hasErrors) return fail()

    if ((wantPdf || inspect) && chromium.path && fresh.length) {
      const { printPages } = await import('../print/print-pages.js')
      const printed = await printPages(staging, plans.flat(), {
        chromium: chromium.path,
        pdf: wantPdf,
        inspect,
        timeoutMs: options.timeoutMs ?? 60_000,
        signal: options.signal,
        locate: locateInFiles,
        onPdf: (pdf) => staging.write(pdf),
        onProgress: (done, total, page) => options.onProgress?.({ step: 'print', done, total, current: page }),
      })
      bag.addAll(printed.diagnostics)
      for (const [client, found] of printed.byClient) clientDiagnostics.get(client)?.push(...found)
    } else if (writing && !options.formats && !chromium.path) {
      bag.add(diagnostic('no-browser', `PDFs were skipped: ${chromium.reason}; the HTML kit is complete`, {}, 'warning'))
    } else if (inspect && !chromium.path) {
      bag.add(diagnostic('no-browser', `slides were not checked for overflow: ${chromium.reason}`, {}, 'warning'))
    }
    if (options.strict) bag.promoteWarnings()
    if (bag.hasErrors) return fail()

    if (options.signal?.aborted) throw new Error('the build was stopped')
    // The HTML pages were needed to print; they are kept only when asked for.
    if (!keepHtml) {
      for (const file of staging.paths.filter((f) => f.endsWith('.html'))) staging.remove(file)
    }
    const record: RebuildRecord = {}
    for (const entry of fresh) {
      record[entry.id] = {
        key: cache?.keyOf(entry) ?? '',
        files: staging.paths.filter((f) => f.startsWith(`${entry.id}/`)),
        diagnostics: clientDiagnostics.get(entry.id) ?? [],
      }
    }
    for (const [id, kept] of reused) record[id] = kept
    written = staging.paths.length
    outputs = [...staging.paths, ...[...reused.values()].flatMap((r) => r.files)].sort()
    if (writing) {
      // The fingerprint was taken before the project was read, over the extra
      // files the last build knew of; if this build read others, it is not
      // recorded (the next build then takes the longer way, and records it).
      const extraInputs = extraInputsOf(project)
      const known = extraInputs.every((file) => fingerprintExtras.includes(file))
      const ids = selected.map((c) => c.id)
      staging.commit(ids, !partial, record, { fingerprint: known ? fingerprint : '', extraInputs, clients: ids, outputs, diagnostics: bag.list() })
    }
  } finally {
    staging.discard()
  }
  return {
    ok: true,
    out,
    clients: selected.map((c) => c.id),
    outputs,
    upToDate: [...reused.keys()],
    written,
    diagnostics: bag.list(),
  }
}

/** Validates everything a build would, renders in memory, writes nothing. */
export function check(options: Omit<BuildOptions, 'write'>): Promise<BuildResult> {
  return build({ ...options, write: false })
}

/** Where a URL a page asked for is written in the author's files (first match). */
function locateInFiles(url: string, files: string[]): { file: string; line: number; column: number } | undefined {
  const spellings = [url, safeDecode(url), url.replace(/^[a-z]+:\/\//, '')]
  for (const file of files) {
    let text: string
    try {
      text = readFileSync(file, 'utf8')
    } catch {
      continue
    }
    for (const spelling of spellings) {
      const at = text.indexOf(spelling)
      if (at >= 0) return { file, ...positionAt(text, at) }
    }
  }
  return undefined
}

function safeDecode(url: string): string {
  try {
    return decodeURI(url)
  } catch {
    return url
  }
}

export type { WorkshopData }
