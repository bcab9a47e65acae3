// The command line's grammar: commands, their options, parsing (node:util
// parseArgs) and the help texts, all from one table so they cannot disagree.
import path from 'node:path'
import { parseArgs as parseNodeArgs } from 'node:util'
import { closest } from '../diagnostics/did-you-mean.js'
import { MAX_TIMEOUT_MS, OUTPUT_FORMATS, type OutputFormat } from '../pipeline/options.js'

export type CommandName = 'build' | 'check' | 'dev' | 'schema' | 'init'
export type ReporterName = 'text' | 'github'
export const REPORTERS: readonly ReporterName[] = ['text', 'github']
export const SCHEMAS = ['client', 'workshop'] as const

/** What `build` and `check` were asked for. */
export interface Args {
  command: 'build' | 'check'
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
  reporter: ReporterName
}

/** What `dev` was asked for. */
export interface DevArgs {
  root: string
  clients: string[]
  /** Undefined: the dev server's default (4173). */
  port?: number
  host?: string
  open: boolean
  /** --write: the folder the kit is written to after every good rebuild. */
  writeTo?: string
}

export type Parsed =
  | { kind: 'run'; args: Args }
  | { kind: 'dev'; args: DevArgs }
  /** `root`: the project whose own variables the client schema lists (--root). */
  | { kind: 'schema'; which: (typeof SCHEMAS)[number]; root?: string }
  | { kind: 'init'; dir: string; example: boolean; force: boolean }
  /** Printed on stdout, exit 0. */
  | { kind: 'help'; text: string }
  | { kind: 'version' }
  /** Printed on stderr, exit 2. */
  | { kind: 'usage'; text: string }

interface OptionSpec {
  type: 'string' | 'boolean'
  short?: string
  multiple?: boolean
  /** The value's placeholder: `--root DIR`. */
  value?: string
  /** The usage line's token, when it is not `[--name VALUE]`. */
  usage?: string
  /** Help text; "\n" continues on the next line, aligned. */
  help: string
  /** The message when the value is missing. */
  needs?: string
}

const OPTIONS = {
  root: { type: 'string', value: 'DIR', help: 'Project folder holding content/ (default: current folder)' },
  out: { type: 'string', value: 'DIR', help: 'Output folder (default: <root>/dist)' },
  client: { type: 'string', multiple: true, value: 'ID', usage: '[--client ID]...', help: 'Only this client (repeatable; also --client a,b)' },
  format: {
    type: 'string',
    value: 'LIST',
    usage: '[--format html,pdf,pptx,png]',
    help: 'What to write, comma separated: html, pdf, pptx (deck.pptx and\nslides.pptx), png (slides/001.png...). Default: html, and pdf when\na Chromium is found (CHROME_PATH chooses one); pdf, pptx and png need it',
    needs: '--format needs a value: html, pdf, pptx, png, or several: html,pdf',
  },
  strict: { type: 'boolean', help: 'Warnings (overflowing slides, split answer boxes...) are errors' },
  timeout: {
    type: 'string',
    value: 'S',
    help: 'Seconds a page may take to load and print (default: 60)',
    needs: '--timeout needs a number of seconds from 0 to 2000000, e.g. --timeout 90',
  },
  jobs: {
    type: 'string',
    value: 'N',
    help: 'Worker threads for the clients (default: one on 2 cores or fewer;\nelse the cores minus one, with 4 clients a worker at least)',
    needs: '--jobs needs a whole number of threads, e.g. --jobs 4',
  },
  shard: {
    type: 'string',
    value: 'I/N',
    help: 'Build only the I-th of N slices of the clients (1 <= I <= N),\nthe same slice on every machine, for splitting a build in CI',
    needs: '--shard needs I/N with 1 <= I <= N, e.g. --shard 2/4',
  },
  force: { type: 'boolean', help: 'Build every client again, even those whose kit is up to date' },
  example: { type: 'boolean', help: 'Copy the default workshop (eight lessons, four clients) instead\nof the one-lesson starter' },
  reporter: {
    type: 'string',
    value: 'NAME',
    usage: '[--reporter text|github]',
    help: 'How problems are printed: text (default: path:line:col, the\nline, a hint) or github (GitHub Actions annotations)',
    needs: '--reporter needs a value: text or github',
  },
  json: { type: 'boolean', help: 'Print a machine-readable summary on stdout' },
  write: { type: 'boolean', help: 'Also write the kit (HTML) to --out after every good rebuild' },
  port: {
    type: 'string',
    value: 'N',
    help: 'Port to serve on (default: 4173; 0: any free port)',
    needs: '--port needs a port number from 0 to 65535, e.g. --port 8080',
  },
  host: { type: 'string', value: 'H', help: 'Address to listen on (default: 127.0.0.1, this machine only)' },
  open: { type: 'boolean', help: 'Open the index in the default browser' },
  help: { type: 'boolean', short: 'h', help: 'Show this help' },
  version: { type: 'boolean', short: 'v', help: 'Show the version' },
} satisfies Record<string, OptionSpec>

type OptionName = keyof typeof OPTIONS
const OPTION_NAMES = Object.keys(OPTIONS) as OptionName[]

interface CommandSpec {
  summary: string
  /** Its options, in the order help lists them, one array per line of the usage line. */
  usage: OptionName[][]
  /** Accepted for compatibility, not shown in help. */
  quiet?: OptionName[]
  /** Why an option of another command does not apply here. */
  refuses?: Partial<Record<OptionName, string>>
  /** Its positional argument, if any (usage token). */
  argument?: string
  /** Help of an option that means something else for this command. */
  helpOf?: Partial<Record<OptionName, string>>
}

const COMMANDS: Record<CommandName, CommandSpec> = {
  build: {
    summary: 'Build the kit of every client (or of each --client) into --out.',
    usage: [
      ['root', 'out', 'client', 'format', 'strict'],
      ['timeout', 'jobs', 'shard', 'force'],
      ['reporter', 'json'],
    ],
  },
  check: {
    summary: 'Validate, render and measure every slide in Chromium; write nothing.',
    usage: [
      ['root', 'client', 'strict', 'timeout'],
      ['jobs', 'shard', 'reporter', 'json'],
    ],
    // check always renders everything: --force changes nothing, and was always accepted.
    quiet: ['force'],
    refuses: {
      out: 'check writes nothing: --out does not apply',
      format: 'check writes nothing: --format does not apply',
    },
  },
  dev: {
    summary: 'Serve the kit from memory, rebuild on save and reload open pages.',
    usage: [['root', 'client', 'port', 'host', 'open'], ['write', 'out']],
    helpOf: { out: 'With --write: where the kit goes (default: <root>/dist)' },
    refuses: {
      format: 'dev serves HTML pages only: --format does not apply',
    },
  },
  schema: {
    summary: 'Print the JSON Schema of client files (with --root, listing that project\'s own variables) or of workshop.yml.',
    usage: [['root']],
    argument: '[client|workshop]',
    helpOf: { root: 'Project whose own client variables (workshop.yml "vars:") the\nclient schema lists (default: none, the kit\'s schema)' },
  },
  init: {
    summary: 'Start a project in DIR (default: the current folder): content, package.json, editor support.',
    usage: [['example', 'force']],
    argument: '[DIR]',
    helpOf: { force: 'Write into a folder that is not empty (files already there are kept)' },
  },
}
const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[]
const optionsOf = (command: CommandName): OptionName[] => COMMANDS[command].usage.flat()
/** "a, b or c" */
const alternatives = (words: readonly string[]) => (words.length > 1 ? `${words.slice(0, -1).join(', ')} or ${words.at(-1)}` : words.join(''))

const isCommand = (word: string | undefined): word is CommandName => word !== undefined && Object.hasOwn(COMMANDS, word)
const isOption = (name: string): name is OptionName => Object.hasOwn(OPTIONS, name)
const specOf = (name: OptionName): OptionSpec => OPTIONS[name]

// ---------------------------------------------------------------- help texts

function usageToken(name: OptionName): string {
  const spec = specOf(name)
  return spec.usage ?? (spec.value ? `[--${name} ${spec.value}]` : `[--${name}]`)
}

/** `workshop-kit build [--root DIR] ...`, continued under the command's first option. */
function usageLines(command: CommandName): string[] {
  const head = `workshop-kit ${command}`
  const spec = COMMANDS[command]
  return spec.usage.map((line, i) => {
    const tokens = [...line.map(usageToken), ...(spec.argument && i === spec.usage.length - 1 ? [spec.argument] : [])]
    return [i === 0 ? head : ' '.repeat(head.length), ...tokens].join(' ')
  })
}

function optionTable(names: OptionName[], helpOf: Partial<Record<OptionName, string>> = {}): string[] {
  const label = (name: OptionName) => {
    const spec = specOf(name)
    return `${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.value ? ` ${spec.value}` : ''}`
  }
  const width = Math.max(...names.map((name) => label(name).length)) + 2
  return names.flatMap((name) => {
    const [first, ...more] = (helpOf[name] ?? specOf(name).help).split('\n')
    return [`  ${label(name).padEnd(width)}${first}`, ...more.map((line) => `  ${' '.repeat(width)}${line}`)]
  })
}

/** `workshop-kit build --help`: the command's usage line and its options. */
export function commandHelp(command: CommandName): string {
  const [first, ...rest] = usageLines(command)
  return [`Usage: ${first}`, ...rest.map((line) => `       ${line}`), '', 'Options:', ...optionTable([...optionsOf(command), 'help'], COMMANDS[command].helpOf)].join('\n')
}

/** `workshop-kit --help`: every command's usage line and what it does. */
export function overviewHelp(): string {
  const commandWidth = Math.max(...COMMAND_NAMES.map((c) => c.length)) + 4
  return [
    'workshop-kit: client-branded workshop kits from markdown lessons',
    '',
    'Usage:',
    ...COMMAND_NAMES.flatMap((command) => usageLines(command).map((line) => `  ${line}`)),
    '',
    'Commands:',
    ...COMMAND_NAMES.map((command) => `  ${command.padEnd(commandWidth)}${COMMANDS[command].summary}`),
    '',
    'Options:',
    ...optionTable(['help', 'version']),
    '',
    'Run "workshop-kit <command> --help" for the options of a command.',
    '',
    'Exit codes: 0 success, 1 content errors, 2 usage errors, 3 internal error (a bug in the kit),',
    '130 stopped (Ctrl-C).',
  ].join('\n')
}

// ---------------------------------------------------------------- parsing

/** A usage error: the message, then where to read more. */
function usage(message: string, command?: CommandName): Parsed {
  return { kind: 'usage', text: `workshop-kit: ${message}\nRun "workshop-kit${command ? ` ${command}` : ''} --help" for usage.` }
}

/** `(did you mean "x"?)`, or the list of what is allowed when nothing is close. */
function suggestion(word: string, candidates: readonly string[], list?: string): string {
  const near = closest(word, candidates)
  return near ? ` (did you mean "${near}"?)` : list ? ` (${list})` : ''
}

function nodeOptions(names: readonly OptionName[]) {
  return Object.fromEntries(
    names.map((name) => {
      const spec = specOf(name)
      return [name, { type: spec.type, ...(spec.short ? { short: spec.short } : {}), ...(spec.multiple ? { multiple: true } : {}) }]
    }),
  )
}

export function parseCommandLine(argv: string[], cwd = process.cwd()): Parsed {
  // A first, lenient pass over the whole line: it names every token, known
  // or not, so that mistakes get precise messages, in the order they appear.
  const { tokens } = parseNodeArgs({ args: argv, options: nodeOptions(OPTION_NAMES), strict: false, allowPositionals: true, tokens: true })
  const first = tokens[0]
  const commandWord = first?.kind === 'positional' ? first.value : undefined

  // --help and --version win wherever they are; help after a command is that command's.
  if (tokens.some((t) => t.kind === 'option' && t.name === 'help')) {
    return { kind: 'help', text: isCommand(commandWord) ? commandHelp(commandWord) : overviewHelp() }
  }
  if (tokens.some((t) => t.kind === 'option' && t.name === 'version')) return { kind: 'version' }

  if (!first) return { kind: 'usage', text: overviewHelp() }
  if (first.kind !== 'positional') {
    const raw = first.kind === 'option' ? first.rawName : '--'
    return usage(`"${raw}" comes before the command: write ${alternatives(COMMAND_NAMES)} first`)
  }
  if (!isCommand(commandWord)) {
    return usage(`unknown command "${commandWord}"${suggestion(commandWord!, COMMAND_NAMES, alternatives(COMMAND_NAMES))}`)
  }
  const command = commandWord
  const spec = COMMANDS[command]
  const accepted: OptionName[] = [...optionsOf(command), ...(spec.quiet ?? []), 'help', 'version']

  const positionals: string[] = []
  for (const token of tokens.slice(1)) {
    if (token.kind === 'option-terminator') continue
    if (token.kind === 'positional') {
      positionals.push(token.value)
      if (!spec.argument) return usage(`unexpected argument "${token.value}": ${command} takes options only`, command)
      if (positionals.length > 1) return usage(`${command} takes one argument, ${spec.argument.replace(/^\[|\]$/g, '').replace('|', ' or ')}`, command)
      continue
    }
    const { name, rawName } = token
    // "--h" is no spelling of -h: the names in the table are the only long ones.
    const known = isOption(name) && (rawName === `--${name}` || rawName === `-${specOf(name).short}`)
    if (!known) {
      const long = rawName.startsWith('--') ? rawName.slice(2) : undefined
      const near = long !== undefined ? closest(long, accepted.filter((n) => !spec.quiet?.includes(n))) : undefined
      return usage(`unknown option "${rawName}"${near ? ` (did you mean "--${near}"?)` : ''}`, command)
    }
    if (!accepted.includes(name)) {
      const owners = COMMAND_NAMES.filter((c) => optionsOf(c).includes(name))
      return usage(spec.refuses?.[name] ?? `${rawName} does not apply to ${command} (it is an option of ${alternatives(owners).replace(' or ', ' and ')})`, command)
    }
    const option = specOf(name)
    if (option.type === 'boolean' && token.value !== undefined) return usage(`${rawName} takes no value`, command)
    if (option.type === 'string') {
      // "--root --json": the next word is an option, not the value.
      const missing = !token.value || (!token.inlineValue && token.value.startsWith('-'))
      if (missing) return usage(option.needs ?? `${rawName} needs a value`, command)
    }
  }

  // Every problem above has its own message; this strict pass reads the values.
  let values: ReturnType<typeof parseNodeArgs>['values']
  try {
    values = parseNodeArgs({ args: argv.slice(1), options: nodeOptions(accepted), strict: true, allowPositionals: true }).values
  } catch (error) {
    return usage(String((error as Error).message).split('\n')[0].replace(/\. To specify .*$/, ''), command)
  }

  if (command === 'init') {
    return { kind: 'init', dir: path.resolve(cwd, positionals[0] ?? '.'), example: values.example === true, force: values.force === true }
  }
  if (command === 'schema') {
    const which = positionals[0] ?? 'client'
    if (!(SCHEMAS as readonly string[]).includes(which)) {
      return usage(`unknown schema "${which}"${suggestion(which, SCHEMAS, alternatives(SCHEMAS))}`, command)
    }
    const root = (values as { root?: string }).root
    return { kind: 'schema', which: which as (typeof SCHEMAS)[number], ...(root !== undefined ? { root: path.resolve(cwd, root) } : {}) }
  }
  if (command === 'dev') return readDevValues(values as Record<string, string | string[] | boolean | undefined>, cwd)
  return readValues(command, values as Record<string, string | string[] | boolean | undefined>, cwd)
}

/** dev's options, checked and converted. */
function readDevValues(values: Record<string, string | string[] | boolean | undefined>, cwd: string): Parsed {
  const text = (name: OptionName) => values[name] as string | undefined
  const args: DevArgs = {
    root: path.resolve(cwd, text('root') ?? '.'),
    clients: ((values.client as string[] | undefined) ?? []).flatMap((v) => v.split(',').map((s) => s.trim()).filter(Boolean)),
    host: text('host'),
    open: values.open === true,
  }
  if (text('out') !== undefined && values.write !== true) return usage('--out needs --write: dev writes nothing unless asked', 'dev')
  if (values.write === true) args.writeTo = path.resolve(cwd, text('out') ?? path.join(args.root, 'dist'))
  const port = text('port')
  if (port !== undefined) {
    const n = Number(port)
    if (!/^\d+$/.test(port) || n > 65535) return usage(OPTIONS.port.needs, 'dev')
    args.port = n
  }
  return { kind: 'dev', args }
}

/** The options' values, checked and converted. */
function readValues(command: Args['command'], values: Record<string, string | string[] | boolean | undefined>, cwd: string): Parsed {
  const text = (name: OptionName) => values[name] as string | undefined
  const args: Args = {
    command,
    root: path.resolve(cwd, text('root') ?? '.'),
    out: text('out') === undefined ? undefined : path.resolve(cwd, text('out')!),
    clients: ((values.client as string[] | undefined) ?? []).flatMap((v) => v.split(',').map((s) => s.trim()).filter(Boolean)),
    json: values.json === true,
    strict: values.strict === true,
    force: values.force === true,
    reporter: 'text',
  }
  const fail = (message: string) => usage(message, command)

  const format = text('format')
  if (format !== undefined) {
    const formats = format.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean)
    const unknown = formats.find((f) => !(OUTPUT_FORMATS as string[]).includes(f))
    if (unknown || !formats.length) return fail(`unknown format "${unknown ?? format}" (html, pdf, pptx, png, or several: html,pdf)`)
    args.formats = [...new Set(formats)] as OutputFormat[]
  }
  const timeout = text('timeout')
  if (timeout !== undefined) {
    const seconds = Number(timeout)
    // Node's timers hold at most 2^31 - 1 ms (about 24 days); a longer wait would fire at once.
    if (!Number.isFinite(seconds) || seconds <= 0 || seconds * 1000 > MAX_TIMEOUT_MS) return fail(OPTIONS.timeout.needs)
    args.timeoutMs = Math.round(seconds * 1000)
  }
  const jobs = text('jobs')
  if (jobs !== undefined) {
    const n = Number(jobs)
    if (!Number.isInteger(n) || n < 1) return fail(OPTIONS.jobs.needs)
    args.jobs = n
  }
  const shard = text('shard')
  if (shard !== undefined) {
    const match = /^(\d+)\/(\d+)$/.exec(shard)
    const index = Number(match?.[1])
    const count = Number(match?.[2])
    if (!match || count < 1 || index < 1 || index > count) return fail(OPTIONS.shard.needs)
    args.shard = { index, count }
  }
  const reporter = text('reporter')
  if (reporter !== undefined) {
    if (!(REPORTERS as readonly string[]).includes(reporter)) {
      return fail(`unknown reporter "${reporter}"${suggestion(reporter, REPORTERS, alternatives(REPORTERS))}`)
    }
    args.reporter = reporter as ReporterName
  }
  return { kind: 'run', args }
}
