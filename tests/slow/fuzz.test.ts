// A seeded fuzz test: a real lesson and a real client file of the default
// workshop, mutated a few hundred times with the characters and pieces of
// syntax the kit reads (YAML, Handlebars, the kit's directives, Marp's
// markdown, bytes that are not text). Whatever the mutation, a check ends
// with a result (no exception: that would be "internal error"), in time, and
// every problem it reports is positioned inside the project's own files.
// A handful of the mutants also go through the real command line, which
// must exit 0 or 1. A failure names its seed and run: FUZZ_SEED=... replays it.
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { check } from '../../lib/index.js'
import { makeProject, repoRoot } from '../helpers/project.js'
import { seededRandom } from '../helpers/random.js'

const SEED = Number(process.env.FUZZ_SEED ?? 7_2026)
const RUNS = Number(process.env.FUZZ_RUNS ?? 300)
const CLI_EVERY = 25

const lesson = readFileSync(path.join(repoRoot, 'content', 'lessons', 'b2b.md'), 'utf8')
// The client without its logo and its breaks (they name the default workshop's lessons).
const client = readFileSync(path.join(repoRoot, 'content', 'clients', 'norte-textil.yml'), 'utf8')
  .replace(/^\s*logo:.*$/m, '')
  .replace(/^breaks:\n(?: {2}- .*\n)*/m, '')

/** Pieces of syntax the kit and its parsers give meaning to. */
const PIECES = [
  '{{', '}}', '{{client.name}}', '{{#if client.model}}', '{{/if}}', '{{else}}', '{{#each lesson.objectives}}', '{{/each}}', '{{{client.name}}}',
  '{{> partial}}', '{{!-- x --}}', '{{lookup client "x"}}', '{{@root}}', '{{client}}', '{{#b2b}}', '{{/b2b}}', '\\{{', '{{upper}}',
  ':::exercise{title="x" minutes=5}\n', ':::solution\n', ':::facilitator\n', ':::key\n', '::answer{lines=3}\n', ':::\n', '::::\n', ':::rara\n',
  '\n---\n', '<!-- ', ' -->', '<!-- _class: lead -->\n', '<!-- paginate: true -->\n', '<style>', '</style>', '<script>', '```', '~~~', '    ',
  '> ', '- ', '1. ', '* ', '# ', '| a | b |\n|---|---|\n', '$', '$$', '\\', '[x]', '[x]: http://example.com\n', '![i](http://example.com/i.png)',
  ':smile:', '&#0058;', '&amp;', '&#xE001;', '\t', '\r', '\r\n', '\0', '\uFEFF', '\uE000', '\uE001', '\uE002', '\uE100', '\u2028', '🙂', 'ñ', '\u0301',
  ': ', '- ', '&a ', '*a', '!!js/function ', '"', "'", '#', '[', ']', '{', '}', '? ', '|', '>-', '---', '...', 'name:', 'brand:\n  logo: x.png\n',
]


function mutate(text: string, next: () => number): string {
  const at = () => Math.floor(next() * (text.length + 1))
  const times = 1 + Math.floor(next() * 4)
  for (let i = 0; i < times; i++) {
    const kind = Math.floor(next() * 6)
    const a = at()
    if (kind <= 2) {
      text = text.slice(0, a) + PIECES[Math.floor(next() * PIECES.length)] + text.slice(a)
    } else if (kind === 3) {
      text = text.slice(0, a) + text.slice(Math.min(text.length, a + 1 + Math.floor(next() * 40)))
    } else if (kind === 4) {
      const b = at()
      const [from, to] = a < b ? [a, b] : [b, a]
      text = text.slice(0, to) + text.slice(from, Math.min(to, from + 200)) + text.slice(to)
    } else {
      text = text.slice(0, a) + String.fromCharCode(Math.floor(next() * 0x3000)) + text.slice(a)
    }
  }
  return text
}

describe(`fuzzed lessons and client files (seed ${SEED}, ${RUNS} runs)`, () => {
  it('every check ends with a result, every problem positioned inside the project', { timeout: 30 * 60_000 }, async () => {
    const next = seededRandom(SEED)
    const failures: string[] = []
    const outcomes = { ok: 0, failed: 0, codes: new Set<string>() }
    for (let run = 0; run < RUNS; run++) {
      const mutated = { lesson: next() < 0.7 ? mutate(lesson, next) : lesson, client: next() < 0.5 ? mutate(client, next) : client }
      const root = makeProject({
        // The lesson reads the default workshop's variable "examples".
        'content/workshop.yml': 'title: Taller\nlessons:\n  - leccion\nvars:\n  examples: { type: text, default: general }\n',
        'content/lessons/leccion.md': mutated.lesson,
        'content/clients/cliente.yml': mutated.client,
      })
      const where = `seed ${SEED}, run ${run} (project in ${root})`
      const started = Date.now()
      let result
      try {
        result = await check({ root, inspect: false })
      } catch (error) {
        failures.push(`${where}: threw ${(error as Error).stack}`)
        continue
      }
      // A hang shows as a run far beyond what any check of this size takes.
      if (Date.now() - started > 60_000) failures.push(`${where}: took ${Date.now() - started} ms`)
      for (const d of result.diagnostics) {
        if (d.severity !== 'error' && d.severity !== 'warning') failures.push(`${where}: severity ${d.severity}`)
        if (!d.file) continue
        const inside = path.relative(root, d.file)
        if (inside.startsWith('..') || path.isAbsolute(inside)) failures.push(`${where}: ${d.code} points outside the project: ${d.file}`)
        const lines = readFileSync(d.file, 'utf8').split(/\r\n?|\n/).length
        if (d.line !== undefined && (d.line < 1 || d.line > lines)) failures.push(`${where}: ${d.code} at line ${d.line} of ${lines}`)
        if (d.column !== undefined && d.column < 1) failures.push(`${where}: ${d.code} at column ${d.column}`)
      }
      if (!result.ok && !result.diagnostics.some((d) => d.severity === 'error')) failures.push(`${where}: failed with no error`)
      outcomes[result.ok ? 'ok' : 'failed']++
      for (const d of result.diagnostics) outcomes.codes.add(d.code)
      if (run % CLI_EVERY === 0) {
        writeFileSync(path.join(root, 'content', 'lessons', 'leccion.md'), mutated.lesson)
        const cli = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'workshop-kit.js'), 'build', '--format', 'html'], { cwd: root, encoding: 'utf8', timeout: 120_000 })
        if (cli.status !== 0 && cli.status !== 1) failures.push(`${where}: the command line exited ${cli.status}\n${cli.stderr}`)
        if (/internal error|\n\s+at /.test(cli.stderr)) failures.push(`${where}: ${cli.stderr}`)
      }
    }
    expect(failures).toEqual([])
    // The mutants reach far: some still build, many fail, for many different reasons.
    expect(outcomes.ok).toBeGreaterThan(RUNS / 20)
    expect(outcomes.failed).toBeGreaterThan(RUNS / 5)
    expect(outcomes.codes.size).toBeGreaterThan(15)
  })
})
