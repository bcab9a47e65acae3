// `workshop-kit init`: a project a newcomer can build at once, the shipped
// example on request, and never a file of the user's replaced.
import { spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { build, initProject } from '../lib/index.js'
import { packageName } from '../lib/init/init-project.js'
import { lessonHelpers, builtInHelpers } from '../lib/template/helpers.js'
import { repoRoot } from './helpers/project.js'
import { tree } from './helpers/files.js'

const bin = path.join(repoRoot, 'bin', 'workshop-kit.js')
const cli = (args: string[], cwd: string) => spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8' })
const fresh = () => mkdtempSync(path.join(tmpdir(), 'wk-init-'))

describe('workshop-kit init', () => {
  it('writes a starter that builds without a warning, and says what to do next', async () => {
    const parent = fresh()
    const run = cli(['init', 'Mi Taller'], parent)
    expect(run.status, run.stderr).toBe(0)
    expect(run.stderr).toMatch(/wrote 9 files to Mi Taller\nNext:\n  cd 'Mi Taller'\n  npm install\n  npm run dev/)
    const dir = path.join(parent, 'Mi Taller')
    expect([...tree(dir).keys()].sort()).toEqual([
      '.gitignore',
      '.vscode/extensions.json',
      '.vscode/settings.json',
      'client.schema.json',
      'content/clients/acme.yml',
      'content/clients/logos/acme.svg',
      'content/lessons/01-welcome.md',
      'content/workshop.yml',
      'package.json',
    ].sort())
    const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'))
    expect(manifest.name).toBe('mi-taller')
    expect(Object.keys(manifest.scripts)).toEqual(['dev', 'build', 'check', 'schema'])
    expect(manifest.dependencies['workshop-kit']).toMatch(/^\^\d+\.\d+\.\d+/)
    expect(readFileSync(path.join(dir, '.gitignore'), 'utf8')).toContain('dist/')
    expect(readFileSync(path.join(dir, 'content/clients/acme.yml'), 'utf8')).toMatch(/^# yaml-language-server: \$schema=\.\.\/\.\.\/client\.schema\.json\n/)
    // The project's schema: the kit's, with the starter's own variable for editors to complete.
    const schema = JSON.parse(readFileSync(path.join(dir, 'client.schema.json'), 'utf8'))
    expect(schema.properties.vars.properties.product).toMatchObject({ type: 'string', description: expect.stringContaining('product') })
    expect(JSON.parse(readFileSync(path.join(dir, '.vscode/settings.json'), 'utf8'))['yaml.schemas']['./client.schema.json']).toBe('content/clients/*.yml')
    expect(readFileSync(path.join(dir, 'content/workshop.yml'), 'utf8')).toMatch(/^# yaml-language-server: \$schema=\.\.\/node_modules\/workshop-kit\/schemas\/workshop\.schema\.json\n/)

    const result = await build({ root: dir, formats: ['html'] })
    expect(result.diagnostics).toEqual([])
    expect(result.ok).toBe(true)
    const deck = readFileSync(path.join(dir, 'dist', 'acme', 'deck.html'), 'utf8')
    expect(deck).toContain('Welcome, Acme Tools')
    expect(deck).toContain('sells cordless drills to other companies')
    const worksheet = readFileSync(path.join(dir, 'dist', 'acme', 'worksheet.html'), 'utf8')
    expect(worksheet).toContain('Describe your client')
    expect(worksheet).not.toContain('Anything concrete works')
  })

  it('its lesson shows every helper and directive of the kit', () => {
    const lesson = readFileSync(path.join(repoRoot, 'starter', 'content', 'lessons', '01-welcome.md'), 'utf8')
    for (const helper of [...Object.keys(lessonHelpers), ...builtInHelpers]) expect(lesson, helper).toMatch(new RegExp(`\\{\\{[#(]?${helper}\\b|\\(${helper}\\b`))
    for (const directive of [':::exercise', '::answer', ':::solution', ':::facilitator', ':::key']) expect(lesson).toContain(directive)
  })

  it('--example copies the default workshop, which builds', async () => {
    const dir = path.join(fresh(), 'example')
    const run = cli(['init', dir, '--example'], repoRoot)
    expect(run.status, run.stderr).toBe(0)
    expect(readdirSync(path.join(dir, 'content', 'lessons'))).toEqual(readdirSync(path.join(repoRoot, 'content', 'lessons')))
    expect(readdirSync(path.join(dir, 'content', 'clients')).sort()).toEqual(readdirSync(path.join(repoRoot, 'content', 'clients')).sort())
    expect(readFileSync(path.join(dir, 'content/clients/norte-textil.yml'), 'utf8')).toMatch(/^# yaml-language-server: \$schema=\.\.\/\.\.\/client\.schema\.json\n/)
    // One client is enough: every lesson is checked on every build.
    const result = await build({ root: dir, formats: ['html'], clients: ['norte-textil'] })
    expect(result.ok).toBe(true)
  })

  it('refuses a folder that is not empty (exit 2, nothing written), unless --force', () => {
    const dir = fresh()
    writeFileSync(path.join(dir, 'notes.txt'), 'mine')
    mkdirSync(path.join(dir, 'content'))
    writeFileSync(path.join(dir, 'content', 'workshop.yml'), 'title: Mine\nlessons: []\n')
    const before = tree(dir)
    const refused = cli(['init', dir], repoRoot)
    expect(refused.status).toBe(2)
    expect(refused.stderr).toMatch(/is not empty \(it holds content, notes\.txt\); nothing was written\n    hint: .*--force/)
    expect(refused.stderr).not.toMatch(/\n\s+at /)
    expect(tree(dir)).toEqual(before)

    const forced = cli(['init', dir, '--force'], repoRoot)
    expect(forced.status, forced.stderr).toBe(0)
    expect(forced.stderr).toContain('kept 1 file already there (content/workshop.yml)')
    // The user's files, byte for byte; the rest of the starter beside them.
    expect(readFileSync(path.join(dir, 'notes.txt'), 'utf8')).toBe('mine')
    expect(readFileSync(path.join(dir, 'content', 'workshop.yml'), 'utf8')).toBe('title: Mine\nlessons: []\n')
    expect(existsSync(path.join(dir, 'content', 'lessons', '01-welcome.md'))).toBe(true)
  })

  it('refuses a file as the folder, and a folder it cannot write, leaving nothing behind', () => {
    const parent = fresh()
    writeFileSync(path.join(parent, 'taken'), '')
    const file = cli(['init', 'taken'], parent)
    expect(file.status).toBe(2)
    expect(file.stderr).toMatch(/taken is a file, not a folder; nothing was written/)

    if (process.getuid?.() === 0) return // root writes anywhere
    const locked = path.join(parent, 'locked')
    mkdirSync(locked)
    chmodSync(locked, 0o500)
    const denied = cli(['init', 'locked'], parent)
    expect(denied.status).toBe(2)
    expect(denied.stderr).toMatch(/cannot write .*: permission denied/)
    expect(readdirSync(locked)).toEqual([])
  })

  it('a write that fails half way removes what it wrote', () => {
    const dir = fresh()
    // A file where the starter puts a folder: .gitignore is written, then .vscode/ fails.
    writeFileSync(path.join(dir, '.vscode'), 'mine')
    expect(() => initProject({ dir, force: true })).toThrow(/cannot write .*\.vscode.*the files written before it were removed/)
    expect(readdirSync(dir)).toEqual(['.vscode'])
    expect(readFileSync(path.join(dir, '.vscode'), 'utf8')).toBe('mine')
  })

  it('names the package after the folder, as npm allows', () => {
    expect(packageName('Mi Taller')).toBe('mi-taller')
    expect(packageName('Año 2027: Formación')).toBe('ano-2027-formacion')
    expect(packageName('.hidden')).toBe('hidden')
    expect(packageName('日本')).toBe('my-workshop')
  })

  it('has its own help, where --force means what it does here', () => {
    const help = cli(['init', '--help'], repoRoot)
    expect(help.status).toBe(0)
    expect(help.stdout).toMatch(/^Usage: workshop-kit init \[--example\] \[--force\] \[DIR\]/)
    expect(help.stdout).toContain('files already there are kept')
    expect(cli(['init', 'a', 'b'], fresh()).status).toBe(2)
  })
})
