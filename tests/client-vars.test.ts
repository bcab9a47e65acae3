// A project's own client variables (workshop.yml "vars:"): declared once,
// set per client, printed in lessons and templates, checked at the author's
// line and column, listed in the client schema editors read, and usable as
// lesson filters ("when:", and "sectors:" for the client's sector).
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { Ajv } from 'ajv'
import { describe, expect, it } from 'vitest'
import { build, formatDiagnostic, projectClientSchema, type BuildResult } from '../src/index.js'
import { runCli } from './helpers/cli.js'
import { makeProject } from './helpers/project.js'

const WORKSHOP = `title: Taller
lessons: [intro, onsite, banca]
vars:
  product:
    type: text
    description: The product the workshop is about
    default: Acme Cloud
  seats: { type: number, default: 12 }
  onsite: { type: boolean, default: false }
  tools: { type: list, default: [Slack, Teams] }
  kickoff: { type: date }
  tier: { type: text, values: [basic, pro], default: basic }
`

const INTRO = `---
title: Intro
---

# Hola {{client.name}}: {{client.vars.product}} para {{client.vars.seats}}

{{#each client.vars.tools}}
- Herramienta {{this}}
{{/each}}

{{#if client.vars.onsite}}Presencial{{else}}En línea{{/if}}, nivel {{client.vars.tier}}, inicio [{{client.vars.kickoff}}]

Empezamos el {{date client.vars.kickoff}}.
`

function project(files: Record<string, string> = {}): string {
  return makeProject({
    'content/workshop.yml': WORKSHOP,
    'content/lessons/intro.md': INTRO,
    'content/lessons/onsite.md': '---\ntitle: Solo presencial\nwhen:\n  onsite: true\n  tier: [pro]\n---\n\n# En la sala\n',
    'content/lessons/banca.md': '---\ntitle: Banca\nsectors: [Banca, seguros]\n---\n\n# Para bancos\n',
    'content/clients/acme.yml': 'name: Acme\nsector: banca\nvars:\n  product: Acme Pay\n  onsite: true\n  tier: pro\n  tools: [Jira]\n  kickoff: 2026-03-14\n',
    'content/clients/beta.yml': 'name: Beta\n',
    ...files,
  })
}

const report = (root: string, result: BuildResult) => result.diagnostics.map((d) => formatDiagnostic(d, (file) => path.relative(root, file))).join('\n')
const read = (root: string, file: string) => readFileSync(path.join(root, 'dist', file), 'utf8')

describe('client variables', () => {
  it('prints declared variables in lessons and templates, with defaults for clients that do not set them', async () => {
    const root = project({
      'templates/deck/closing.md.hbs': '# Gracias, {{client.name}}\n\n{{client.vars.product}} · {{client.vars.tier}}\n',
    })
    const result = await build({ root, formats: ['html'] })
    expect(result.ok, report(root, result)).toBe(true)
    expect(result.diagnostics).toEqual([])

    const acme = read(root, 'acme/deck.md')
    expect(acme).toContain('# Hola Acme: Acme Pay para 12')
    expect(acme).toContain('- Herramienta Jira')
    expect(acme).not.toContain('Herramienta Slack')
    expect(read(root, 'acme/deck.html')).toContain('Presencial, nivel pro, inicio [2026-03-14]')
    expect(acme).toContain('Acme Pay · pro')
    expect(acme).toContain('Empezamos el 14 de marzo de 2026.')

    const beta = read(root, 'beta/deck.md')
    expect(beta).toContain('# Hola Beta: Acme Cloud para 12')
    expect(beta).toContain('- Herramienta Slack\n- Herramienta Teams')
    // A variable without default that a client does not set is empty.
    expect(beta).toContain('En línea, nivel basic, inicio []')
    expect(beta).toContain('Acme Cloud · basic')
    expect(read(root, 'beta/deck.html')).toContain('Acme Cloud')
  })

  it('shows a value as text, never markup', async () => {
    const root = project({ 'content/clients/beta.yml': 'name: Beta\nvars:\n  product: "<script>alert(1)</script> *bold*"\n' })
    const result = await build({ root, formats: ['html'] })
    expect(result.ok, report(root, result)).toBe(true)
    const deck = read(root, 'beta/deck.html')
    expect(deck).not.toContain('<script>alert(1)')
    expect(deck).not.toContain('<em>bold</em>')
    expect(deck).toMatch(/&lt;script&gt;alert\(1\)&lt;\/script&gt; \*bold\*/)
  })

  it('filters lessons by the client\'s variables ("when:") and sector ("sectors:")', async () => {
    const root = project({ 'content/clients/gamma.yml': 'name: Gamma\nsector: " SEGUROS "\nvars:\n  onsite: true\n  tier: basic\n' })
    const result = await build({ root, formats: ['html'] })
    expect(result.ok, report(root, result)).toBe(true)
    // acme: on site, pro, banca. beta: defaults (not on site), sector general. gamma: on site but basic, seguros.
    expect(existsSync(path.join(root, 'dist/acme/lessons/onsite.html'))).toBe(true)
    expect(existsSync(path.join(root, 'dist/acme/lessons/banca.html'))).toBe(true)
    expect(existsSync(path.join(root, 'dist/beta/lessons/onsite.html'))).toBe(false)
    expect(existsSync(path.join(root, 'dist/beta/lessons/banca.html'))).toBe(false)
    expect(existsSync(path.join(root, 'dist/gamma/lessons/onsite.html'))).toBe(false)
    expect(existsSync(path.join(root, 'dist/gamma/lessons/banca.html'))).toBe(true)
  })

  it('an undeclared variable in a client file: a positioned error with a suggestion; exit 1 without a stack', () => {
    const root = project({ 'content/clients/acme.yml': 'name: Acme\nvars:\n  prodcut: Acme Pay\n' })
    const run = runCli(['build', '--format', 'html'], root)
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('content/clients/acme.yml:3:3: error: unknown variable "prodcut" in vars (did you mean "product"?)')
    expect(run.stderr).toContain('hint: Variables declared in content/workshop.yml: product, seats, onsite, tools, kickoff, tier.')
    expect(run.stderr).not.toMatch(/\n\s+at /)
    expect(existsSync(path.join(root, 'dist'))).toBe(false)
  })

  it('a value of the wrong type: at the value, naming what the variable takes', async () => {
    const root = project({
      'content/clients/acme.yml': 'name: Acme\nvars:\n  seats: doce\n  tier: gold\n  tools: [a, 3]\n  kickoff: 2026-02-30\n  onsite: "yes"\n',
    })
    const result = await build({ root, formats: ['html'] })
    expect(result.ok).toBe(false)
    const text = report(root, result)
    expect(text).toContain('content/clients/acme.yml:3:10: error: vars.seats is the text "doce": variable "seats" takes a number')
    expect(text).toContain('content/clients/acme.yml:4:9: error: vars.tier is the text "gold": variable "tier" takes one of "basic", "pro"')
    expect(text).toContain('content/clients/acme.yml:5:14: error: vars.tools[1] is number 3: variable "tools" takes text')
    expect(text).toContain('content/clients/acme.yml:6:12: error: vars.kickoff is the text "2026-02-30": variable "kickoff" takes a day of the calendar written as YYYY-MM-DD')
    expect(text).toContain('content/clients/acme.yml:7:11: error: vars.onsite is the text "yes": variable "onsite" takes true or false')
    expect(text).toContain('hint: Write true or false (without quotes).')
  })

  it('an undeclared variable in a lesson: an error at the expression, with a suggestion', async () => {
    const root = project({ 'content/lessons/intro.md': '---\ntitle: Intro\n---\n\n# Hola\n\nCon {{client.vars.prodcut}} y {{client.vars.tools}}\n' })
    const result = await build({ root, formats: ['html'] })
    expect(result.ok).toBe(false)
    const text = report(root, result)
    expect(text).toContain('content/lessons/intro.md:7:7: error: unknown variable "client.vars.prodcut" (did you mean "client.vars.product"?)')
    expect(text).toContain('hint: Variables declared in content/workshop.yml: kickoff, onsite, product, seats, tier, tools. Declare a new one there under "vars:" first.')
  })

  it('a variable in a project that declares none: the hint says where to declare it', async () => {
    const root = project({ 'content/workshop.yml': 'title: Taller\nlessons: [intro]\n', 'content/lessons/intro.md': '# {{client.vars.product}}\n', 'content/clients/acme.yml': 'name: Acme\n' })
    const result = await build({ root, formats: ['html'] })
    expect(result.ok).toBe(false)
    expect(report(root, result)).toContain('hint: This project declares no variables: declare it in content/workshop.yml under "vars:" first')
  })

  it('an undeclared variable in a page template: an error at the expression, with a suggestion', async () => {
    const root = project({ 'templates/html/guide.hbs': '<!doctype html>\n<title>{{client.name}}</title>\n<p>{{client.vars.prodcut}}</p>\n' })
    const result = await build({ root, formats: ['html'] })
    expect(result.ok).toBe(false)
    expect(report(root, result)).toContain('templates/html/guide.hbs:3:6: error: unknown variable "client.vars.prodcut" (did you mean "client.vars.product"?)')
  })

  it('a list printed as it is follows the not-text rule', async () => {
    const root = project({ 'content/lessons/intro.md': '# Hola\n\nCon {{client.vars.tools}}\n' })
    const result = await build({ root, formats: ['html'] })
    expect(result.ok).toBe(false)
    expect(result.diagnostics.map((d) => [d.code, d.line, d.column])).toContainEqual(['not-text', 3, 5])
  })

  it('checks the declarations in workshop.yml', async () => {
    const bad = (vars: string) => project({ 'content/workshop.yml': `title: Taller\nlessons: [intro]\nvars:\n${vars}`, 'content/lessons/intro.md': '# Hola\n' })
    const cases: Array<[string, string]> = [
      ['  product: { type: strng }\n', 'content/workshop.yml:4:20: error: vars.product.type is "strng", allowed: "text", "number", "boolean", "list", "date"'],
      ['  seats: { type: number, default: doce }\n', 'content/workshop.yml:4:35: error: vars.seats.default is the text "doce": variable "seats" takes a number'],
      ['  tier:\n    type: text\n    values: [basic, pro]\n    default: gold\n', 'content/workshop.yml:7:14: error: vars.tier.default is the text "gold": variable "tier" takes one of "basic", "pro"'],
      ['  on-site: { type: boolean }\n', 'content/workshop.yml:4:3: error: variable name "on-site" cannot be used in {{client.vars.on-site}}'],
      ['  onsite: { type: boolean, values: [a] }\n', 'content/workshop.yml:4:28: error: variable "onsite" is a boolean: "values" does not apply to it'],
      ['  product: { type: text, descripton: x }\n', 'content/workshop.yml:4:26: error: unknown field "descripton" in vars.product (did you mean "description"?)'],
    ]
    for (const [vars, expected] of cases) {
      const root = bad(vars)
      const result = await build({ root, formats: ['html'] })
      expect(result.ok, vars).toBe(false)
      expect(report(root, result), vars).toContain(expected)
    }
  })

  it('a required variable must be set by every client', async () => {
    const root = project({
      'content/workshop.yml': WORKSHOP + '  contact: { type: text, required: true, description: Who to call }\n',
      'content/clients/acme.yml': 'name: Acme\nvars:\n  contact: Ana\n',
    })
    const result = await build({ root, formats: ['html'] })
    expect(result.ok).toBe(false)
    const text = report(root, result)
    expect(text).toContain('content/clients/beta.yml:1:1: error: this client does not set the required variable "contact" (Who to call)')
    expect(text).not.toContain('acme.yml')
  })

  it('"when:" names declared variables, with values they can take', async () => {
    const root = project({ 'content/lessons/onsite.md': '---\nwhen:\n  onsit: true\n  tier: gold\n---\n\n# En la sala\n' })
    const result = await build({ root, formats: ['html'] })
    expect(result.ok).toBe(false)
    const text = report(root, result)
    expect(text).toContain('content/lessons/onsite.md:3:3: error: unknown variable "onsit" in when (did you mean "onsite"?)')
    expect(text).toContain('content/lessons/onsite.md:4:9: error: when.tier is the text "gold": variable "tier" takes one of "basic", "pro"')
  })
})

describe('the client schema of a project', () => {
  it('`schema client --root` lists the declared variables; ajv validates client files with it', () => {
    const root = project()
    const run = runCli(['schema', 'client', '--root', root])
    expect(run.code, run.stderr).toBe(0)
    const schema = JSON.parse(run.stdout)
    const vars = schema.properties.vars
    expect(Object.keys(vars.properties)).toEqual(['product', 'seats', 'onsite', 'tools', 'kickoff', 'tier'])
    expect(vars.properties.product).toEqual({ type: 'string', description: 'The product the workshop is about. Text.', default: 'Acme Cloud' })
    expect(vars.properties.tier.enum).toEqual(['basic', 'pro'])
    expect(vars.properties.tools).toMatchObject({ type: 'array', items: { type: 'string' }, default: ['Slack', 'Teams'] })
    expect(vars.additionalProperties).toBe(false)
    // The library gives the same schema.
    expect(projectClientSchema(root).schema).toEqual(schema)

    const ajv = new Ajv({ strict: false, unicodeRegExp: true })
    // One Ajv holds the kit's schema and the project's.
    ajv.compile(JSON.parse(runCli(['schema', 'client']).stdout))
    const validate = ajv.compile(schema)
    expect(validate({ name: 'Acme', vars: { product: 'X', seats: 3, tier: 'pro', kickoff: '2026-03-14' } }), JSON.stringify(validate.errors)).toBe(true)
    expect(validate({ name: 'Acme', vars: { prodcut: 'X' } })).toBe(false)
    expect(validate({ name: 'Acme', vars: { tier: 'gold' } })).toBe(false)
    expect(validate({ name: 'Acme', vars: { seats: 'doce' } })).toBe(false)
  })

  it('without --root, the kit\'s schema; a broken workshop.yml is reported, exit 1', () => {
    expect(JSON.parse(runCli(['schema', 'client']).stdout).properties.vars.properties).toBeUndefined()
    const root = project({ 'content/workshop.yml': WORKSHOP + '  bad: { type: strng }\n' })
    const run = runCli(['schema', 'client', '--root', root])
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(/workshop\.yml:\d+:\d+: error: vars\.bad\.type is "strng"/)
    expect(run.stderr).not.toMatch(/\n\s+at /)
    expect(runCli(['schema', 'client', '--root', path.join(root, 'nowhere')]).code).toBe(2)
  })

  it('a required variable is required in the schema', () => {
    const root = project({ 'content/workshop.yml': WORKSHOP + '  contact: { type: text, required: true, description: Who to call }\n' })
    const result = projectClientSchema(root)
    expect(result.ok).toBe(true)
    expect(result.schema!.required).toEqual(['name', 'vars'])
    expect(result.schema!.properties.vars).toMatchObject({ required: ['contact'], properties: { contact: { type: 'string', description: 'Who to call. Text. Required.' } } })
  })
})
