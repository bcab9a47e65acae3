// The command line: parse arguments, call the library, print diagnostics.
// Exit codes: 0 success, 1 content errors, 2 usage errors.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { build, OUTPUT_FORMATS, UsageError, type BuildProgress, type BuildResult, type OutputFormat } from '../pipeline/build.js'
import { formatDiagnostic } from '../diagnostics/format.js'
import { packageRoot } from '../project/package-root.js'

const HELP = `workshop-kit: client-branded workshop kits from markdown lessons

Usage:
  workshop-kit build [--root DIR] [--out DIR] [--client ID]... [--format html,pdf] [--strict]
                     [--jobs N] [--shard I/N] [--force] [--json]
  workshop-kit check [--root DIR] [--client ID]... [--strict] [--json]
  workshop-kit schema [client|workshop]

Commands:
  build     Build the kit of every client (or of each --client) into --out.
  check     Validate, render and measure every slide in Chromium; write nothing.
  schema    Print the JSON Schema of client files (or of workshop.yml).

Options:
  --root DIR     Project folder holding content/ (default: current folder)
  --out DIR      Output folder (default: <root>/dist)
  --client ID    Only this client (repeatable; also --client a,b)
  --format LIST  What to write: html, pdf or html,pdf (default: html, and pdf
                 when a Chromium is found; CHROME_PATH chooses one)
  --strict       Warnings (overflowing slides, split answer boxes...) are errors
  --timeout S    Seconds a page may take to load and print (default: 60)
  --force        Build every client again, even those whose kit is up to date
  --jobs N       Worker threads for the clients (default: the machine's cores,
                 one per 4 clients at least)
  --shard I/N    Build only the I-th of N slices of the clients (1 <= I <= N),
                 the same slice on every machine, for splitting a build in CI
  --json         Print a machine-readable summary on stdout
  -h, --help     Show this help
  -v, --version  Show the version

Exit codes: 0 success, 1 content errors, 2 usage errors.`

interface Args {
  command: 'build' | 'check' | 'schema'
  root: string
  out?: string
  clients: string[]
  json: boolean
  formats?: OutputFormat[]
  strict: boolean
  timeoutMs?: number
  jobs?: number
  shard?: { index: number; count: number }
  force: boolean
  schema?: string
}

type Parsed = { args: Args } | { exit: number; stdout?: string; stderr?: string }

export function parseArgs(argv: string[]): Parsed {
  const usage = (message: string): Parsed => ({ exit: 2, stderr: `workshop-kit: ${message}\nRun "workshop-kit --help" for usage.` })
  if (argv.includes('-h') || argv.includes('--help')) return { exit: 0, stdout: HELP }
  if (argv.includes('-v') || argv.includes('--version')) return { exit: 0, stdout: version() }
  const [command, ...rest] = argv
  if (!command) return { exit: 2, stderr: HELP }
  if (command !== 'build' && command !== 'check' && command !== 'schema') return usage(`unknown command "${command}"`)
  const args: Args = { command, root: process.cwd(), clients: [], json: false, strict: false, force: false }
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined]
    const value = (): string | undefined => {
      if (inline !== undefined) return inline
      const next = rest[i + 1]
      if (next === undefined || next.startsWith('--')) return undefined
      i++
      return next
    }
    switch (flag) {
      case '--root':
      case '--out':
      case '--client': {
        const v = value()
        if (!v) return usage(`${flag} needs a value`)
        if (flag === '--root') args.root = path.resolve(v)
        else if (flag === '--out') args.out = path.resolve(v)
        else args.clients.push(...v.split(',').map((s) => s.trim()).filter(Boolean))
        break
      }
      case '--format': {
        const v = value()
        if (!v) return usage('--format needs a value: html, pdf or html,pdf')
        const formats = v.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean)
        const unknown = formats.find((f) => !(OUTPUT_FORMATS as string[]).includes(f))
        if (unknown || !formats.length) return usage(`unknown format "${unknown ?? v}" (html, pdf or html,pdf)`)
        args.formats = [...new Set(formats)] as OutputFormat[]
        break
      }
      case '--timeout': {
        const v = value()
        const seconds = Number(v)
        if (!v || !Number.isFinite(seconds) || seconds <= 0) return usage('--timeout needs a number of seconds, e.g. --timeout 90')
        args.timeoutMs = Math.round(seconds * 1000)
        break
      }
      case '--jobs': {
        const v = value()
        const jobs = Number(v)
        if (!v || !Number.isInteger(jobs) || jobs < 1) return usage('--jobs needs a whole number of threads, e.g. --jobs 4')
        args.jobs = jobs
        break
      }
      case '--shard': {
        const v = value()
        const match = v ? /^(\d+)\/(\d+)$/.exec(v) : null
        const index = Number(match?.[1])
        const count = Number(match?.[2])
        if (!match || count < 1 || index < 1 || index > count) return usage('--shard needs I/N with 1 <= I <= N, e.g. --shard 2/4')
        args.shard = { index, count }
        break
      }
      case '--strict':
        args.strict = true
        break
      case '--force':
        args.force = true
        break
      case '--json':
        args.json = true
        break
      default:
        if (command === 'schema' && !arg.startsWith('-') && args.schema === undefined) args.schema = arg
        else return usage(`unknown option "${arg}"`)
    }
  }
  if (command === 'check' && args.out) return usage('check writes nothing: --out does not apply')
  if (command === 'check' && args.formats) return usage('check writes nothing: --format does not apply')
  return { args }
}

function version(): string {
  return (JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version
}

export async function main(argv: string[]): Promise<number> {
  const parsed = parseArgs(argv)
  if (!('args' in parsed)) {
    if (parsed.stdout) process.stdout.write(parsed.stdout + '\n')
    if (parsed.stderr) process.stderr.write(parsed.stderr + '\n')
    return parsed.exit
  }
  const { args } = parsed
  if (args.command === 'schema') {
    const which = args.schema ?? 'client'
    if (which !== 'client' && which !== 'workshop') {
      process.stderr.write(`workshop-kit: unknown schema "${which}" (client or workshop)\n`)
      return 2
    }
    const { clientSchema, workshopSchema } = await import('../project/schema.js')
    process.stdout.write(JSON.stringify(which === 'client' ? clientSchema : workshopSchema, null, 2) + '\n')
    return 0
  }

  // A bar for long builds on a terminal; nothing when stderr is a file or with --json.
  const progress = process.stderr.isTTY && !args.json ? new ProgressBar(process.stderr) : undefined
  // Ctrl-C or a kill: stop the build, close the browser, write nothing.
  const stop = new AbortController()
  const onSignal = () => stop.abort()
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
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
      signal: stop.signal,
      onProgress: progress?.update,
    })
  } catch (error) {
    if (stop.signal.aborted) {
      process.stderr.write('workshop-kit: stopped; nothing was written\n')
      return 130
    }
    if (error instanceof UsageError) {
      if (args.json) process.stdout.write(JSON.stringify({ ok: false, usageError: error.message }, null, 2) + '\n')
      process.stderr.write(`workshop-kit: ${error.message}\n`)
      return 2
    }
    // A bug in the kit, not in the content: say so plainly, without a stack trace.
    process.stderr.write(`workshop-kit: internal error: ${(error as Error).message ?? error}\nPlease report it with the command you ran.\n`)
    if (process.env.WORKSHOP_KIT_DEBUG) process.stderr.write(`${(error as Error).stack}\n`)
    return 1
  } finally {
    progress?.clear()
    process.removeListener('SIGINT', onSignal)
    process.removeListener('SIGTERM', onSignal)
  }

  const display = (file: string) => path.relative(process.cwd(), file) || file
  for (const d of result.diagnostics) process.stderr.write(formatDiagnostic(d, display) + '\n')
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length
  const warnings = result.diagnostics.length - errors

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
    process.stdout.write(JSON.stringify(summary, null, 2) + '\n')
  } else if (result.ok) {
    const fresh = result.clients.length - result.upToDate.length
    const kept = result.upToDate.length ? `; ${result.upToDate.length} up to date` : ''
    const what =
      args.command === 'build'
        ? fresh === 0
          ? `${display(result.out)} is up to date (${result.clients.length} client${result.clients.length === 1 ? '' : 's'}; --force builds again)`
          : `wrote ${result.written} file${result.written === 1 ? '' : 's'} for ${fresh} client${fresh === 1 ? '' : 's'} to ${display(result.out)}${kept}`
        : `checked ${result.clients.length} clients: no errors`
    process.stderr.write(`workshop-kit: ${what}${warnings ? ` (${warnings} warning${warnings > 1 ? 's' : ''})` : ''}\n`)
  } else {
    process.stderr.write(`workshop-kit: ${errors} error${errors > 1 ? 's' : ''}; nothing was written\n`)
  }
  return result.ok ? 0 : 1
}

/** One line, redrawn in place: clients built, then pages printed. */
class ProgressBar {
  private shown = false
  private last = 0

  constructor(private readonly stream: NodeJS.WriteStream) {}

  update = (progress: BuildProgress): void => {
    const now = Date.now()
    // Redrawing more often than ten times a second only slows the build.
    if (progress.done < progress.total && now - this.last < 100) return
    this.last = now
    const width = 24
    const filled = Math.round((progress.done / Math.max(1, progress.total)) * width)
    const what = progress.step === 'build' ? 'clients built' : 'pages printed'
    const columns = this.stream.columns || 80
    const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${progress.done}/${progress.total} ${what} · ${progress.current}`
    this.stream.write(`\r\x1b[K${line.slice(0, columns - 1)}`)
    this.shown = true
  }

  clear(): void {
    if (this.shown) this.stream.write('\r\x1b[K')
    this.shown = false
  }
}
