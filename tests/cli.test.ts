// The command line contract: commands, flags, exit codes, --json, outputs.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { AbortError, UsageError } from '../src/diagnostics/errors.js'
import { exitCodeOf, reportFailure } from '../src/cli/exit.js'
import { runCli } from './helpers/cli.js'
import { minimalProject, repoRoot } from './helpers/project.js'

describe('workshop-kit CLI', () => {
  it('prints help and version', () => {
    const help = runCli(['--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain(
      [
        '  workshop-kit build [--root DIR] [--out DIR] [--client ID]... [--format html,pdf,pptx,png] [--strict]',
        '                     [--timeout S] [--jobs N] [--shard I/N] [--force]',
        '                     [--reporter text|github] [--json]',
        '  workshop-kit check [--root DIR] [--client ID]... [--strict] [--timeout S]',
        '                     [--jobs N] [--shard I/N] [--reporter text|github] [--json]',
        '  workshop-kit dev [--root DIR] [--client ID]... [--port N] [--host H] [--open]',
        '                   [--write] [--out DIR]',
        '  workshop-kit schema [--root DIR] [client|workshop]',
      ].join('\n'),
    )
    expect(help.stdout).toContain('Run "workshop-kit <command> --help" for the options of a command.')
    expect(help.stdout).toContain('Exit codes: 0 success, 1 content errors, 2 usage errors, 3 internal error')
    const version = runCli(['--version'])
    expect(version.code).toBe(0)
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version)
  })

  it('exits 2 on usage errors', () => {
    expect(runCli([]).code).toBe(2)
    expect(runCli(['bake']).code).toBe(2)
    expect(runCli(['build', '--frobnicate']).code).toBe(2)
    expect(runCli(['build', '--root']).code).toBe(2)
    const format = runCli(['build', '--format', 'html,docx'])
    expect(format.code).toBe(2)
    expect(format.stderr).toContain('unknown format "docx" (html, pdf, pptx, png, or several: html,pdf)')
    expect(runCli(['build', '--timeout', 'soon']).code).toBe(2)
    // Longer than Node's timers can wait: it would fire at once.
    const forever = runCli(['build', '--timeout', '99999999'])
    expect(forever.code).toBe(2)
    expect(forever.stderr).toContain('--timeout needs a number of seconds from 0 to 2000000')
    expect(runCli(['check', '--format', 'pdf']).code).toBe(2)
    // A fresh folder: the system's temp folder itself may well hold a content/ folder.
    const noContent = runCli(['build', '--root', mkdtempSync(path.join(tmpdir(), 'wk-empty-'))])
    expect(noContent.code).toBe(2)
    expect(noContent.stderr).toMatch(/no content\/ folder/)
    const unknownClient = runCli(['build', '--root', minimalProject(), '--client', 'zeta'])
    expect(unknownClient.code).toBe(2)
    expect(unknownClient.stderr).toMatch(/unknown client "zeta"/)
  })

  it('builds into --out, one client with --client, with a JSON summary', () => {
    const root = minimalProject({ 'content/clients/beta.yml': 'name: Beta\n' })
    const out = mkdtempSync(path.join(tmpdir(), 'wk-out-'))
    const run = runCli(['build', '--root', root, '--out', out, '--client', 'beta', '--json', '--format', 'html'])
    expect(run.code).toBe(0)
    const summary = JSON.parse(run.stdout)
    expect(summary.ok).toBe(true)
    expect(summary.clients).toEqual(['beta'])
    expect(summary.outputs).toEqual(
      expect.arrayContaining(['beta/deck.html', 'beta/deck.md', 'beta/lessons/intro.html', 'beta/worksheet.html', 'beta/guide.html', 'beta/index.html', 'index.html']),
    )
    for (const file of summary.outputs) expect(existsSync(path.join(out, file)), file).toBe(true)
    expect(existsSync(path.join(out, 'acme'))).toBe(false)
    expect(existsSync(path.join(root, 'dist'))).toBe(false)
  })

  it('check validates and writes nothing', () => {
    const root = minimalProject()
    const run = runCli(['check', '--root', root])
    expect(run.code).toBe(0)
    expect(existsSync(path.join(root, 'dist'))).toBe(false)
  })

  it('defaults --root to the current folder and --out to <root>/dist', () => {
    const root = minimalProject()
    expect(runCli(['build', '--format', 'html'], root).code).toBe(0)
    expect(readdirSync(path.join(root, 'dist')).sort()).toEqual(['.workshop-kit.json', 'acme', 'index.html'])
  })

  it('removes the kit of a client that left the project, and nothing else', () => {
    const root = minimalProject({ 'content/clients/beta.yml': 'name: Beta\n' })
    expect(runCli(['build', '--format', 'html'], root).code).toBe(0)
    writeFileSync(path.join(root, 'dist', 'notes.txt'), 'mine')
    rmSync(path.join(root, 'content', 'clients', 'beta.yml'))
    expect(runCli(['build', '--format', 'html'], root).code).toBe(0)
    expect(existsSync(path.join(root, 'dist', 'beta'))).toBe(false)
    expect(existsSync(path.join(root, 'dist', 'acme', 'deck.html'))).toBe(true)
    expect(readFileSync(path.join(root, 'dist', 'notes.txt'), 'utf8')).toBe('mine')
  })

  it('prints the client JSON Schema', () => {
    const run = runCli(['schema'])
    expect(run.code).toBe(0)
    const schema = JSON.parse(run.stdout)
    expect(schema.required).toEqual(['name'])
    // The committed copy editors point at is current.
    expect(schema).toEqual(JSON.parse(readFileSync(path.join(repoRoot, 'schemas', 'client.schema.json'), 'utf8')))
  })
})

describe('workshop-kit CLI: help and usage errors', () => {
  it('prints the help of one command: its usage line and its options', () => {
    const build = runCli(['build', '--help'])
    expect(build.code).toBe(0)
    expect(build.stdout).toMatch(/^Usage: workshop-kit build \[--root DIR\] \[--out DIR\]/)
    expect(build.stdout).toContain('  --reporter NAME  How problems are printed')
    expect(build.stdout).toContain('  --out DIR ')
    expect(build.stdout).not.toContain('workshop-kit check')
    expect(build.stdout).not.toContain('Commands:')

    const check = runCli(['check', '-h'])
    expect(check.code).toBe(0)
    expect(check.stdout).toMatch(/^Usage: workshop-kit check \[--root DIR\]/)
    expect(check.stdout).toContain('--reporter NAME')
    expect(check.stdout).not.toContain('--out')
    expect(check.stdout).not.toContain('--format')

    const schema = runCli(['schema', '--help'])
    expect(schema).toEqual({
      code: 0,
      stdout:
        'Usage: workshop-kit schema [--root DIR] [client|workshop]\n\nOptions:\n' +
        '  --root DIR  Project whose own client variables (workshop.yml "vars:") the\n' +
        '              client schema lists (default: none, the kit\'s schema)\n' +
        '  -h, --help  Show this help\n',
      stderr: '',
    })
  })

  it('suggests the option or command that was meant', () => {
    expect(runCli(['build', '--formt', 'html'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'workshop-kit: unknown option "--formt" (did you mean "--format"?)\nRun "workshop-kit build --help" for usage.\n',
    })
    expect(runCli(['biuld'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'workshop-kit: unknown command "biuld" (did you mean "build"?)\nRun "workshop-kit --help" for usage.\n',
    })
    const reporter = runCli(['check', '--reporter', 'githb'])
    expect(reporter.code).toBe(2)
    expect(reporter.stderr).toContain('workshop-kit: unknown reporter "githb" (did you mean "github"?)')
    const schema = runCli(['schema', 'clinet'])
    expect(schema.code).toBe(2)
    expect(schema.stderr).toContain('unknown schema "clinet" (did you mean "client"?)')
  })

  it('says when an option belongs to another command', () => {
    const out = runCli(['check', '--out', 'x'])
    expect(out.code).toBe(2)
    expect(out.stderr).toBe('workshop-kit: check writes nothing: --out does not apply\nRun "workshop-kit check --help" for usage.\n')
    const json = runCli(['schema', '--json'])
    expect(json.code).toBe(2)
    expect(json.stderr).toContain('--json does not apply to schema')
  })

  it('keeps the values a flag needs and the forms it accepts', () => {
    expect(runCli(['build', '--root', '--json']).stderr).toContain('workshop-kit: --root needs a value')
    expect(runCli(['build', '--jobs', '0']).code).toBe(2)
    expect(runCli(['build', '--shard', '3/2']).stderr).toContain('--shard needs I/N with 1 <= I <= N')
    expect(runCli(['build', 'now']).code).toBe(2)
    const root = minimalProject({ 'content/clients/beta.yml': 'name: Beta\n', 'content/clients/gamma.yml': 'name: Gamma\n' })
    const run = runCli(['build', `--root=${root}`, '--client', 'acme,beta', '--client=gamma', '--format=html', '--json', '--jobs', '1'], tmpdir())
    expect(run.code, run.stderr).toBe(0)
    expect(JSON.parse(run.stdout).clients).toEqual(['acme', 'beta', 'gamma'])
  })
})

/** A client file whose colour is wrong: line 3, column 12. */
const badColour = { 'content/clients/acme.yml': 'name: Acme\nbrand:\n  primary: "#12345"\n' }

describe('workshop-kit CLI: diagnostics', () => {
  it('prints path:line:col: error: message, the line with a caret, and the hint', () => {
    const root = minimalProject(badColour)
    const run = runCli(['build', '--format', 'html'], root)
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toBe(
      [
        'content/clients/acme.yml:3:12: error: brand.primary is "#12345", which is not a colour written as "#rrggbb"',
        '  3 |   primary: "#12345"',
        '    |            ^',
        '    hint: Write colours as six hexadecimal digits after "#", for example "#1f6feb".',
        'workshop-kit: 1 error; nothing was written',
        '',
      ].join('\n'),
    )
    expect(existsSync(path.join(root, 'dist'))).toBe(false)
  })

  it('keeps the caret under its character after tabs', () => {
    const root = minimalProject({ 'content/lessons/intro.md': '---\ntitle: Tabs\n---\n\n# Hola\n\nUn\ttexto\t{{client.nmae}}\n' })
    const run = runCli(['build', '--format', 'html'], root)
    expect(run.code).toBe(1)
    expect(run.stderr).toContain(
      [
        'content/lessons/intro.md:7:12: error: unknown variable "client.nmae" (did you mean "client.name"?)',
        '  7 | Un\ttexto\t{{client.nmae}}',
        '    |   \t     \t  ^',
      ].join('\n'),
    )
  })

  it('--reporter github prints a workflow command per problem, on stdout', () => {
    const root = minimalProject(badColour)
    const run = runCli(['check', '--reporter', 'github'], root)
    expect(run.code).toBe(1)
    expect(run.stdout).toBe(
      '::error file=content/clients/acme.yml,line=3,col=12,title=bad-colour::brand.primary is "#12345", which is not a colour written as "#rrggbb"' +
        ' (hint: Write colours as six hexadecimal digits after "#", for example "#1f6feb".)\n',
    )
    expect(run.stderr).toBe('workshop-kit: 1 error; nothing was written\n')
    // With --json, stdout is the summary's alone.
    const json = runCli(['check', '--reporter', 'github', '--json'], root)
    expect(JSON.parse(json.stdout).errors).toBe(1)
    expect(json.stderr).toContain('::error file=content/clients/acme.yml,line=3,col=12,title=bad-colour::')
  })

  it('a problem without a file: "workshop-kit: warning:" and "::warning::"', () => {
    const root = minimalProject()
    const missing = path.join(root, 'no-chromium-here')
    const text = runCli(['build', '--force'], root, { CHROME_PATH: missing })
    expect(text.code).toBe(0)
    expect(text.stderr).toContain(
      `workshop-kit: warning: PDFs were skipped: CHROME_PATH points to ${missing}, which does not exist; the HTML kit is complete\n    hint: Install Chromium`,
    )
    const github = runCli(['build', '--force', '--reporter', 'github'], root, { CHROME_PATH: missing })
    expect(github.code).toBe(0)
    expect(github.stdout).toMatch(/^::warning::PDFs were skipped: CHROME_PATH points to \S+, which does not exist; the HTML kit is complete \(hint: Install Chromium.*\)\n$/)
  })

  it.skipIf(process.env.WORKSHOP_KIT_SKIP_BROWSER === '1')('a whole-line problem (an overflowing slide) reads column 1, the caret at the line\'s first character', () => {
    const lesson = ['---', 'title: Larga', '---', '', '# Hola', '', '---', '', '  ## Demasiado', '', ...Array.from({ length: 30 }, (_, i) => `- Punto ${i + 1}`), ''].join('\n')
    const root = minimalProject({ 'content/lessons/intro.md': lesson })
    const run = runCli(['check'], root)
    expect(run.code, run.stderr).toBe(0)
    expect(run.stderr).toMatch(/^content\/lessons\/intro\.md:9:1: warning: slide 2 overflows by \d+px \(bottom\)\n {2}9 \| {3}## Demasiado\n {4}\| {3}\^\n {4}hint: Shorten the slide/m)
  })
})

describe('workshop-kit CLI: exit codes', () => {
  it('a bug in the kit exits 3 with "internal error" and the stack trace', () => {
    // content/lessons is a file: nothing the kit expects, and nothing it reports as content yet.
    const root = minimalProject()
    rmSync(path.join(root, 'content', 'lessons'), { recursive: true })
    writeFileSync(path.join(root, 'content', 'lessons'), 'not a folder\n')
    const run = runCli(['build', '--format', 'html'], root)
    expect(run.code).toBe(3)
    expect(run.stderr).toMatch(/^workshop-kit: internal error, please report it: .+\n.*\n {4}at /)
  })

  it('maps each way a run ends to its exit code and message', () => {
    const printed: string[] = []
    const out = { stdout: (t: string) => void printed.push(`out:${t}`), stderr: (t: string) => void printed.push(`err:${t}`) }
    expect(exitCodeOf(new AbortError(), false)).toBe(130)
    expect(exitCodeOf(new Error('the build was stopped'), true)).toBe(130)
    expect(exitCodeOf(new TypeError('x is undefined'), false)).toBe(3)
    expect(reportFailure(new UsageError('no such thing', 'Do this instead.'), { aborted: false, json: true }, out)).toBe(2)
    expect(printed).toEqual([
      `out:${JSON.stringify({ ok: false, usageError: 'no such thing' }, null, 2)}\n`,
      'err:workshop-kit: no such thing\n    hint: Do this instead.\n',
    ])
    printed.length = 0
    expect(reportFailure(new AbortError(), { aborted: false, json: false }, out)).toBe(130)
    expect(printed).toEqual(['err:workshop-kit: stopped; nothing was written\n'])
  })
})
