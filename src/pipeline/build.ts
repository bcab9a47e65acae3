// The library entry point. build(options) runs the stages in order and hands
// each one's result to the next:
//
//   planBuild -> loadProject -> prepareKit -> buildClient (per client, maybe
//   on worker threads) -> printPages -> Staging.commit
//
// and returns what it wrote and every diagnostic, reported into one
// Reporter. Clients whose kit is up to date are skipped (output/rebuild-cache),
// and a build asked again over unchanged files stops before loading anything.
// The CLI is a thin shell over this.
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { Diagnostic, Place } from '../diagnostics/reporter.js'
import { positionAt } from '../diagnostics/position.js'
import { stopIfAsked, systemReason, throwIfAborted, usageError, UsageError } from '../diagnostics/errors.js'
import { Reporter } from '../diagnostics/reporter.js'
import type { ClientOutputs, Kit } from '../kit/build-client.js'
import { kitPaths } from '../kit/kit-paths.js'
import { OutputLocked } from '../output/lock.js'
import { MANIFEST, readManifest, unchangedSince, type CachedClient, type RebuildRecord } from '../output/manifest.js'
import { buildFingerprint, extraInputsOf, kitFingerprint, RebuildCache } from '../output/rebuild-cache.js'
import { Staging } from '../output/staging.js'
import { detached, type PrintPage } from '../print/print-plan.js'
import type { ClientEntry, Project } from '../project/load.js'
import { planBuild, type BuildOptions, type BuildPlan, type BuildResult } from './options.js'

export { UsageError }
export type { BuildOptions, BuildProgress, BuildResult, OutputFormat } from './options.js'
export { OUTPUT_FORMATS } from './options.js'

export async function build(options: BuildOptions): Promise<BuildResult> {
  const plan = planBuild(options)
  const reporter = new Reporter()
  const failed = (): BuildResult => ({ ok: false, out: plan.out, clients: [], outputs: [], upToDate: [], written: 0, diagnostics: reporter.list() })

  // The same build as last time, over the same files: nothing to do, and
  // nothing else needs loading (a rebuild after no change takes milliseconds).
  const previous = readManifest(plan.out)
  const fingerprint = plan.writing ? fingerprintOf(plan, options, previous.last?.extraInputs ?? []) : undefined
  const last = previous.last
  if (fingerprint && !options.noCache && last?.fingerprint === fingerprint.value && unchangedSince(plan.out, last.outputs, previous)) {
    return { ok: true, out: plan.out, clients: last.clients, outputs: last.outputs, upToDate: last.clients, written: 0, diagnostics: last.diagnostics }
  }

  const { loadProject } = await import('../project/load.js')
  const project = loadProject(plan.root, reporter)
  throwIfAborted(options.signal)
  if (!project) return failed()
  checkClientIds(project, options.clients ?? [])
  const kitStage = () => import('../kit/build-client.js')
  // The images and files lessons name, read once: checked with the lessons, and counted in the rebuild keys.
  const { assetInputs, readReferences } = await import('../assets/lesson-assets.js')
  const references = readReferences()
  // Lessons are checked even when a client file has errors: one run reports all.
  if (reporter.hasErrors) {
    ;(await kitStage()).prepareKit(project, reporter, references)
    return failed()
  }

  const selected = selectClients(project, options)
  if (plan.writing) reportCollisions(plan.out, selected, previous.clients, reporter)
  if (reporter.hasErrors) return failed()
  // Clients whose kit on disk is already what this build would write are left
  // alone ("check" always renders everything: it is asked to look).
  const settings = { pdf: plan.pdf, pptx: plan.pptx, png: plan.png, html: plan.html, inspect: plan.inspect, chromium: plan.chromium.path ?? null }
  const assets = assetInputs(project, references)
  const cache = plan.writing && !options.noCache && fingerprint ? new RebuildCache(project, previous, plan.out, fingerprint.kit, settings, assets) : undefined
  const reused = new Map<string, CachedClient>()
  for (const entry of selected) {
    const record = cache?.upToDate(entry)
    if (record) reused.set(entry.id, record)
  }
  const fresh = selected.filter((entry) => !reused.has(entry.id))

  let made: Staging | undefined
  try {
    const staging = (made = new Staging(plan.writing ? plan.out : undefined))
    // Build: each client's files go to staging as soon as they are made.
    // Only a build that prints keeps the pages' plans, and then on their own
    // (a slide title cut from a rendered deck would keep the whole deck alive).
    const printing = Boolean((plan.pdf || plan.inspect || plan.pptx || plan.png) && plan.chromium.path)
    const printPlan: PrintPage[][] = []
    const byClient = new Map<string, Diagnostic[]>()
    const { renderProjectIndex } = await import('../kit/project-index.js')
    // Every lesson is checked even when every client is up to date: an
    // incremental build says what a clean build of the same files says.
    const kit = (await kitStage()).prepareKit(project, reporter, references)
    if (reporter.hasErrors) return failed()
    if (fresh.length) {
      await buildFresh(fresh, kit, options, { pdf: plan.pdf, pptx: plan.pptx, png: plan.png }, (index, built) => {
        for (const file of built.files) staging.write(file)
        if (printing) printPlan[index] = detached(built.printPlan)
        byClient.set(fresh[index].id, built.diagnostics)
        reporter.addAll(built.diagnostics)
      })
    }
    for (const record of reused.values()) reporter.addAll(record.diagnostics)
    // A shard's index lists every client: the shards' folders are meant to be put together.
    for (const file of renderProjectIndex(project, plan.out, options.shard ? project.clients : selected, kit.views, reporter)) staging.write(file)
    if (reporter.hasErrors) return failed()

    // Print: PDFs to staging, and what the browser found about the pages.
    if (printing && plan.chromium.path && fresh.length) {
      const { printPages } = await import('../print/print-pages.js')
      const printed = await printPages(staging, printPlan.flat(), {
        chromium: plan.chromium.path,
        pdf: plan.pdf,
        inspect: plan.inspect,
        timeoutMs: options.timeoutMs ?? 60_000,
        signal: options.signal,
        locate: locateInFiles,
        onPdf: (pdf) => staging.write(pdf),
        onProgress: (done, total, page) => options.onProgress?.({ step: 'print', done, total, current: page }),
      })
      reporter.addAll(printed.diagnostics)
      for (const [client, found] of printed.byClient) byClient.get(client)?.push(...found)
    } else if (plan.writing && !options.formats && !plan.chromium.path) {
      reporter.report('no-browser', { reason: plan.chromium.reason, skipped: 'pdf' })
    } else if (plan.inspect && !plan.chromium.path) {
      reporter.report('no-browser', { reason: plan.chromium.reason, skipped: 'overflow' })
    }
    if (options.strict) reporter.promoteWarnings()
    if (reporter.hasErrors) return failed()
    // A last look before the swap: a signal that came during the last steps is heard.
    await stopIfAsked(options.signal)

    // Commit: the staged kit replaces the previous one.
    // The HTML pages were needed to print; they are kept only when asked for.
    if (!plan.html) {
      for (const file of staging.paths.filter((f) => f.endsWith('.html'))) staging.remove(file)
    }
    const record: RebuildRecord = {}
    for (const entry of fresh) {
      record[entry.id] = { key: cache?.keyOf(entry) ?? '', files: staging.paths.filter((f) => f.startsWith(`${entry.id}/`)), diagnostics: byClient.get(entry.id) ?? [] }
    }
    for (const [id, kept] of reused) record[id] = kept
    const written = staging.paths.length
    const outputs = [...staging.paths, ...[...reused.values()].flatMap((r) => r.files)].sort()
    const ids = selected.map((c) => c.id)
    if (plan.writing && fingerprint) {
      // The fingerprint was taken before the project was read, over the extra
      // files the last build knew of; if this build read others, it is not
      // recorded (the next build then takes the longer way, and records it).
      const extraInputs = extraInputsOf(project, assets)
      const known = extraInputs.every((file) => fingerprint.extraInputs.includes(file))
      staging.commit(previous, ids, !plan.partial, record, { fingerprint: known ? fingerprint.value : '', extraInputs, clients: ids, outputs, diagnostics: reporter.list() })
    }
    return { ok: true, out: plan.out, clients: ids, outputs, upToDate: [...reused.keys()], written, diagnostics: reporter.list() }
  } catch (error) {
    if (error instanceof OutputLocked) {
      reporter.report('output-locked', { path: plan.out, pid: error.pid, lock: error.lockFile })
      return failed()
    }
    // The disk said no (no permission, no space, a file where a folder goes): the author's problem to fix, not a bug.
    const failure = error as NodeJS.ErrnoException
    if (!failure.syscall || !failure.code) throw error
    reporter.report('write-error', { path: failure.path ?? plan.out, code: failure.code, reason: systemReason(failure) })
    return failed()
  } finally {
    made?.discard()
  }
}

/** Validates everything a build would, renders in memory, writes nothing. */
export function check(options: Omit<BuildOptions, 'write'>): Promise<BuildResult> {
  return build({ ...options, write: false })
}

/** The clients of one shard: every count-th client from the index-th, in project order. */
export function shardOf<T>(clients: T[], shard: { index: number; count: number }): T[] {
  return clients.filter((_, i) => i % shard.count === shard.index - 1)
}

/** The kit as installed and a hash of every input of this build, for the rebuild record. */
function fingerprintOf(plan: BuildPlan, options: BuildOptions, extraInputs: string[]) {
  const settings = {
    clients: options.clients ?? null,
    shard: options.shard ?? null,
    formats: options.formats ?? null,
    inspect: options.inspect ?? null,
    strict: Boolean(options.strict),
    chromium: plan.chromium.path ?? null,
  }
  const kit = kitFingerprint()
  return { kit, extraInputs, value: buildFingerprint(kit, plan.root, settings, extraInputs) }
}

/** --client ids the project does not have are a usage error (a file that failed to load still counts). */
export function checkClientIds(project: Project, wanted: string[]): void {
  if (!wanted.length) return
  const known = project.clients.map((c) => c.id)
  const unknown = wanted.filter((id) => !known.includes(id) && !existsSync(path.join(project.root, 'content', 'clients', `${id}.yml`)))
  if (unknown.length) throw usageError('unknown-client', { ids: unknown, known })
}

/**
 * The kit replaces only what its record says it wrote: a client folder or an
 * index already in --out that it did not write is reported, at the client
 * file, before anything is built.
 */
function reportCollisions(out: string, selected: ClientEntry[], ownFolders: string[], reporter: Reporter): void {
  const shown = (name: string) => path.join(out, name)
  for (const entry of selected) {
    if (existsSync(path.join(out, entry.id)) && !ownFolders.includes(entry.id)) reporter.report('output-collision', { path: shown(entry.id) }, { file: entry.file })
  }
  const index = path.join(out, kitPaths.projectIndex)
  if (existsSync(index) && !existsSync(path.join(out, MANIFEST))) reporter.report('output-collision', { path: shown(kitPaths.projectIndex) })
}

/** The clients this build makes: --client, then --shard. */
function selectClients(project: Project, options: BuildOptions): ClientEntry[] {
  const chosen = options.clients?.length ? project.clients.filter((c) => options.clients!.includes(c.id)) : project.clients
  return options.shard ? shardOf(chosen, options.shard) : chosen
}

/** Builds each client, on worker threads when there are clients enough, handing each kit over as it is made. */
async function buildFresh(fresh: ClientEntry[], kit: Kit, options: BuildOptions, outputs: ClientOutputs, onBuilt: Parameters<typeof import('./workers.js').buildClients>[3]) {
  const { buildClients, defaultJobs } = await import('./workers.js')
  let done = 0
  await buildClients(
    fresh,
    kit,
    options.jobs ?? defaultJobs(fresh.length),
    (index, built) => {
      options.onProgress?.({ step: 'build', done: ++done, total: fresh.length, current: fresh[index].id })
      onBuilt(index, built)
    },
    options.signal,
    outputs,
  )
}

/** Where a URL a page asked for is written in the author's files (first match). */
function locateInFiles(url: string, files: string[]): Place | undefined {
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
