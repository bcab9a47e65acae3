// The command line: parse the arguments (args.ts), call the library, print
// what happened (reporters.ts), return the exit code (exit.ts): 0 success,
// 1 content errors, 2 usage errors, 3 a bug in the kit, 130 stopped.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { build, type BuildResult } from '../pipeline/build.js'
import type { InitResult } from '../init/init-project.js'
import { packageRoot } from '../project/package-root.js'
import { type Args, type DevArgs, parseCommandLine } from './args.js'
import { EXIT, type Output, reportFailure } from './exit.js'
import { ProgressBar } from './progress.js'
import { reportDiagnostics } from './reporters.js'

/** A file as the terminal shows it: relative to the current folder. */
const display = (file: string) => path.relative(process.cwd(), file) || file
/** Colours only on a terminal, and not with NO_COLOR. */
const colorOnStderr = () => Boolean(process.stderr.isTTY) && !process.env.NO_COLOR

const output: Output = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
}

/**
 * Runs the command line. `stop` is the process's Ctrl-C: the launcher
 * (bin/workshop-kit.js) owns the signals for the whole life of the process,
 * so that none can come while no handler is set.
 */
export async function main(argv: string[], stop?: AbortSignal): Promise<number> {
  let json = false
  try {
    const parsed = parseCommandLine(argv)
    switch (parsed.kind) {
      case 'help':
        output.stdout(parsed.text + '\n')
        return EXIT.ok
      case 'version':
        output.stdout(version() + '\n')
        return EXIT.ok
      case 'usage':
        output.stderr(parsed.text + '\n')
        return EXIT.usage
      case 'schema':
        return await printSchema(parsed.which, parsed.root)
      case 'init': {
        const { initProject } = await import('../init/init-project.js')
        const result = initProject({ dir: parsed.dir, example: parsed.example, force: parsed.force })
        output.stderr(initSummary(result))
        return EXIT.ok
      }
      case 'run':
        json = parsed.args.json
        return await run(parsed.args, stop)
      case 'dev':
        return await runDev(parsed.args, stop)
    }
  } catch (error) {
    return reportFailure(error, { aborted: false, json }, output)
  }
}

/** What init made, and the next steps. */
function initSummary(result: InitResult): string {
  const shown = path.relative(process.cwd(), result.dir) || '.'
  const kept = result.kept.length ? `; kept ${result.kept.length} file${result.kept.length > 1 ? 's' : ''} already there (${result.kept.join(', ')})` : ''
  const quoted = /^[\w./-]+$/.test(shown) ? shown : `'${shown.replace(/'/g, `'\\''`)}'`
  const steps = [...(shown === '.' ? [] : [`cd ${quoted}`]), 'npm install', 'npm run dev      # live preview; npm run build writes dist/']
  return `workshop-kit: wrote ${result.written.length} files to ${shown}${kept}\nNext:\n${steps.map((s) => `  ${s}`).join('\n')}\n`
}

/** `schema`: the kit's schema, or with --root the client schema of that project (its workshop.yml's errors are reported, exit 1). */
async function printSchema(which: 'client' | 'workshop', root: string | undefined): Promise<number> {
  const { clientSchema, workshopSchema } = await import('../project/schema.js')
  if (which === 'workshop' || root === undefined) {
    output.stdout(JSON.stringify(which === 'client' ? clientSchema : workshopSchema, null, 2) + '\n')
    return EXIT.ok
  }
  const { projectClientSchema } = await import('../project/project-schema.js')
  const result = projectClientSchema(root)
  reportDiagnostics(result.diagnostics, 'text', { display, json: false, color: colorOnStderr() }, output)
  if (!result.schema) {
    const errors = result.diagnostics.filter((d) => d.severity === 'error').length
    output.stderr(`workshop-kit: ${errors} error${errors === 1 ? '' : 's'} in content/workshop.yml; no schema printed\n`)
    return EXIT.content
  }
  output.stdout(JSON.stringify(result.schema, null, 2) + '\n')
  return EXIT.ok
}

function version(): string {
  return (JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version
}

async function run(args: Args, stop: AbortSignal | undefined): Promise<number> {
  // A bar for long builds on a terminal; nothing when stderr is a file or with --json.
  const progress = process.stderr.isTTY && !args.json ? new ProgressBar(process.stderr) : undefined
  let result: BuildResult
  try {
    result = await build({
      root: args.root,
      out: args.out,
      clients: args.clients,
      write: args.command === 'build',
      formats: args.formats,
      strict: args.strict,
      timeoutMs: args.timeoutMs,
      jobs: args.jobs,
      shard: args.shard,
      noCache: args.force,
      signal: stop,
      onProgress: progress?.update,
    })
  } catch (error) {
    return reportFailure(error, { aborted: Boolean(stop?.aborted), json: args.json }, output)
  } finally {
    progress?.clear()
  }

  const color = colorOnStderr()
  reportDiagnostics(result.diagnostics, args.reporter, { display, json: args.json, color }, output)
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length
  const warnings = result.diagnostics.filter((d) => d.severity === 'warning').length

  if (args.json) {
    const summary = {
      ok: result.ok,
      command: args.command,
      out: result.out,
      clients: result.clients,
      outputs: args.command === 'build' && result.ok ? result.outputs : [],
      upToDate: result.upToDate,
      diagnostics: result.diagnostics.map((d) => ({ ...d, file: d.file ? display(d.file) : undefined })),
      errors,
      warnings,
    }
    output.stdout(JSON.stringify(summary, null, 2) + '\n')
  } else if (result.ok) {
    output.stderr(`workshop-kit: ${done(args, result, display)}${warnings ? ` (${warnings} warning${warnings > 1 ? 's' : ''})` : ''}\n`)
  } else {
    output.stderr(`workshop-kit: ${errors} error${errors > 1 ? 's' : ''}; nothing was written\n`)
  }
  return result.ok ? EXIT.ok : EXIT.content
}

/** The last line of a run that went well. */
function done(args: Args, result: BuildResult, display: (file: string) => string): string {
  if (args.command === 'check') return `checked ${result.clients.length} clients: no errors`
  const fresh = result.clients.length - result.upToDate.length
  if (fresh === 0) {
    return `${display(result.out)} is up to date (${result.clients.length} client${result.clients.length === 1 ? '' : 's'}; --force builds again)`
  }
  const kept = result.upToDate.length ? `; ${result.upToDate.length} up to date` : ''
  return `wrote ${result.written} file${result.written === 1 ? '' : 's'} for ${fresh} client${fresh === 1 ? '' : 's'} to ${display(result.out)}${kept}`
}

/**
 * `workshop-kit dev`: serves the kit until Ctrl-C (or SIGTERM), printing each
 * rebuild and its problems. Ends with 130, as every run Ctrl-C stops does;
 * 1 when the port cannot be had.
 */
async function runDev(args: DevArgs, stop: AbortSignal | undefined): Promise<number> {
  const { startDevServer } = await import('../dev/server.js')
  const color = colorOnStderr()
  const started = await startDevServer({
    root: args.root,
    clients: args.clients,
    port: args.port,
    host: args.host,
    writeTo: args.writeTo,
    onEvent: (event) => {
      if (event.kind === 'written') {
        // Only a build without errors is written: an error here is the write's own (a locked or unwritable folder).
        const errors = event.diagnostics.filter((d) => d.severity === 'error')
        if (errors.length) reportDiagnostics(errors, 'text', { display, json: false, color }, output)
        if (event.usageError) output.stderr(`workshop-kit: ${event.usageError}\n`)
        output.stderr(event.ok ? `workshop-kit: ${event.written ? `wrote ${event.written} file${event.written === 1 ? '' : 's'} to ${display(event.out)}` : `${display(event.out)} is up to date`}\n` : `workshop-kit: ${display(event.out)} was not written\n`)
      }
      if (event.kind === 'diagnostics') reportDiagnostics(event.diagnostics, 'text', { display, json: false, color }, output)
      if (event.kind === 'built' && event.ok && event.clients.length) {
        output.stderr(`workshop-kit: built ${event.clients.join(', ')} in ${Math.round(event.ms)} ms\n`)
      }
      if (event.kind === 'built' && !event.ok) output.stderr('workshop-kit: the build has errors; pages show the last good build until they are fixed\n')
      if (event.kind === 'crashed') {
        const error = event.error as Error
        output.stderr(`workshop-kit: internal error, please report it: ${error?.message ?? String(error)}\n${error?.stack ? `${error.stack}\n` : ''}`)
      }
    },
  })
  if (!started.ok) {
    reportDiagnostics(started.diagnostics, 'text', { display, json: false, color }, output)
    return EXIT.content
  }
  const { server } = started
  output.stderr(`workshop-kit: serving ${server.url} (Ctrl-C stops)\n`)
  if (args.open) {
    try {
      const { default: open } = await import('open')
      await open(server.url)
    } catch {
      output.stderr(`workshop-kit: no browser could be opened; open ${server.url} yourself\n`)
    }
  }
  await new Promise<void>((resolve) => {
    if (!stop || stop.aborted) return resolve()
    stop.addEventListener('abort', () => resolve(), { once: true })
  })
  await server.close()
  output.stderr('workshop-kit: dev server stopped\n')
  return EXIT.stopped
}
