// `workshop-kit init`: a new project from the starter the package ships
// (starter/: a workshop.yml, one lesson that uses every directive and helper,
// one client with a logo), or with --example from the default workshop
// (content/). Editor support: client files point at the project's own
// client.schema.json (the kit's schema with the project's variables; `npm run
// schema` writes it again after `vars:` changes), workshop.yml into
// node_modules/workshop-kit, where the project installs the kit.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { systemReason, usageError } from '../diagnostics/errors.js'
import { packageRoot } from '../project/package-root.js'
import { projectClientSchema } from '../project/project-schema.js'

export interface InitOptions {
  /** The folder to create the project in (created if missing). */
  dir: string
  /** The default workshop and its four clients instead of the one-lesson starter. */
  example?: boolean
  /** Write into a folder that is not empty; files already there are kept, never replaced. */
  force?: boolean
}

export interface InitResult {
  dir: string
  /** Paths written, relative to `dir`, sorted. */
  written: string[]
  /** Paths that were already there and were left as they were (only with `force`). */
  kept: string[]
}

/** The path of the kit's schemas as seen from a project that installed it. */
const SCHEMA_HOME = 'node_modules/workshop-kit/schemas'
/** The project's own client schema, at its root. */
const CLIENT_SCHEMA = 'client.schema.json'

export function initProject(options: InitOptions): InitResult {
  const dir = path.resolve(options.dir)
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw usageError('init-not-a-folder', { path: dir })
  const present = existsSync(dir) ? readdirSync(dir) : []
  if (present.length && !options.force) throw usageError('init-folder-not-empty', { path: dir, entries: present.sort() })

  const files = starterFiles(dir, Boolean(options.example))
  const kept = [...files.keys()].filter((file) => existsSync(path.join(dir, file)))
  const toWrite = [...files.keys()].filter((file) => !kept.includes(file)).sort()

  // All or nothing: should one write fail, the files written so far are removed.
  const madeDir = !existsSync(dir)
  const written: string[] = []
  try {
    for (const file of toWrite) {
      const target = path.join(dir, ...file.split('/'))
      mkdirSync(path.dirname(target), { recursive: true })
      writeFileSync(target, files.get(file)!, { flag: 'wx' })
      written.push(file)
    }
  } catch (error) {
    for (const file of written) rmSync(path.join(dir, ...file.split('/')), { force: true })
    removeEmptyFolders(dir, toWrite, madeDir)
    const failure = error as NodeJS.ErrnoException
    throw usageError('init-write-error', { path: failure.path ?? dir, reason: systemReason(failure) })
  }
  return { dir, written, kept: kept.sort() }
}

/** Every file of the new project: relative path -> bytes. */
function starterFiles(dir: string, example: boolean): Map<string, Buffer> {
  const files = new Map<string, Buffer>()
  const project = example ? packageRoot : path.join(packageRoot, 'starter')
  const source = path.join(project, 'content')
  for (const file of listFiles(source)) {
    const relative = `content/${path.relative(source, file).split(path.sep).join('/')}`
    const bytes = readFileSync(file)
    files.set(relative, /\.ya?ml$/.test(file) ? Buffer.from(withInstalledSchema(bytes.toString('utf8'), relative)) : bytes)
  }
  files.set('package.json', Buffer.from(JSON.stringify(projectPackage(dir), null, 2) + '\n'))
  files.set(CLIENT_SCHEMA, Buffer.from(JSON.stringify(projectClientSchema(project).schema, null, 2) + '\n'))
  files.set('.gitignore', Buffer.from('node_modules/\ndist/\n'))
  files.set(
    '.vscode/settings.json',
    Buffer.from(
      JSON.stringify(
        {
          'yaml.schemas': {
            [`./${CLIENT_SCHEMA}`]: 'content/clients/*.yml',
            [`./${SCHEMA_HOME}/workshop.schema.json`]: 'content/workshop.yml',
          },
        },
        null,
        2,
      ) + '\n',
    ),
  )
  files.set('.vscode/extensions.json', Buffer.from(JSON.stringify({ recommendations: ['redhat.vscode-yaml'] }, null, 2) + '\n'))
  return files
}

/** The `$schema` comment of a YAML file, pointed from where the file sits at the project's client schema, or into node_modules for workshop.yml. */
function withInstalledSchema(text: string, relative: string): string {
  const up = '../'.repeat(relative.split('/').length - 1)
  return text.replace(/^# yaml-language-server: \$schema=\S*?(\w+)\.schema\.json[ \t]*$/m, (_, which: string) =>
    `# yaml-language-server: $schema=${up}${which === 'client' ? CLIENT_SCHEMA : `${SCHEMA_HOME}/${which}.schema.json`}`,
  )
}

function projectPackage(dir: string) {
  const kit = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { version: string }
  return {
    name: packageName(path.basename(dir)),
    version: '1.0.0',
    private: true,
    description: 'A workshop built with workshop-kit',
    scripts: {
      dev: 'workshop-kit dev',
      build: 'workshop-kit build',
      check: 'workshop-kit check',
      // After a change to vars: in content/workshop.yml, so editors know the new variables.
      schema: `workshop-kit schema client --root . > ${CLIENT_SCHEMA}`,
    },
    dependencies: { 'workshop-kit': `^${kit.version}` },
  }
}

/** A folder name as an npm package name: lowercase, URL-safe characters, at most 214 of them. */
export function packageName(folder: string): string {
  const name = folder
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._~-]+/g, '-')
    .replace(/^[._-]+|[-]+$/g, '')
    .slice(0, 214)
  return name || 'my-workshop'
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort()
}

/** After a failed init: the folders it made for its files, if now empty (and the project folder, if it made it). */
function removeEmptyFolders(dir: string, files: string[], madeDir: boolean): void {
  const folders = new Set<string>()
  for (const file of files) {
    const parts = file.split('/').slice(0, -1)
    for (let i = parts.length; i > 0; i--) folders.add(parts.slice(0, i).join('/'))
  }
  for (const folder of [...folders].sort((a, b) => b.length - a.length)) {
    try {
      rmdirSync(path.join(dir, ...folder.split('/')))
    } catch {
      // Not empty (the user's files) or not there: leave it.
    }
  }
  if (madeDir) {
    try {
      rmdirSync(dir)
    } catch {
      // Leave it.
    }
  }
}
