// Incremental rebuilds. Each client's kit is keyed by a hash of everything
// that goes into it: the kit's own code, version and templates, the versions
// of its dependencies, the project's templates and themes, workshop.yml, the
// client file and logo, the lessons it uses, and the options that change
// outputs. When the key matches the one recorded by the last build and every
// file it wrote is still there, the client is not built again (its warnings
// are repeated from the record). Anything else rebuilds it: a stale kit is
// never kept. A whole build asked again over unchanged files is recognised
// sooner still, by a fingerprint of every input (buildFingerprint).
import { createHash, type Hash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, realpathSync, statSync, type Stats } from 'node:fs'
import path from 'node:path'
import { unchangedSince, type CachedClient, type ReadManifest } from './manifest.js'
import type { LessonSource } from '../project/lesson-source.js'
import { allLessonSources, lessonSourceFor } from '../project/lesson-files.js'
import type { ClientEntry, Project } from '../project/load.js'
import { packageRoot } from '../project/package-root.js'

/**
 * The files a project's lessons and themes name (images, media), which their
 * kits copy: made by src/assets (assetInputs), which is loaded only once a
 * project is, so that an unchanged build stays fast.
 */
export interface AssetInputs {
  lesson(source: LessonSource): string[]
  themes: string[]
}

export class RebuildCache {
  private readonly sharedKey: string
  private readonly fileHashes = new Map<string, string>()

  /**
   * `kit`: the kitFingerprint() of this build. `settings`: the build options
   * that change what is written (formats, strictness...).
   */
  constructor(
    private readonly project: Project,
    private readonly previous: ReadManifest,
    private readonly out: string,
    kit: string,
    settings: unknown,
    private readonly assets: AssetInputs,
  ) {
    const hash = createHash('sha256').update(kit).update(JSON.stringify(settings))
    // Every template, asset and theme of the project (the kit's are in `kit`).
    for (const file of listFiles(path.join(project.root, 'templates'))) hash.update(`${file}\0${this.hashFile(file)}\0`)
    hash.update(this.hashFile(project.workshopFile))
    // The files the themes name (the kit copies them into every client's folder).
    for (const file of assets.themes) hash.update(`${file}\0${this.hashFile(file)}\0`)
    this.sharedKey = hash.digest('hex')
  }

  /** The key of a client's kit as this build would make it. */
  keyOf(entry: ClientEntry): string {
    const hash = createHash('sha256').update(this.sharedKey).update(this.hashFile(entry.file))
    if (entry.logoFile) hash.update(this.hashFile(entry.logoFile))
    for (const font of entry.fonts) hash.update(`${font.file}\0${this.hashFile(font.file)}\0`)
    for (const id of entry.lessons) {
      // The file each lesson is read from: editing 03-plan.en.md rebuilds the clients that read it, and no other.
      const source = lessonSourceFor(this.project, entry, id)
      hash.update(`${id}\0${this.hashFile(source?.file ?? id)}\0`)
      // The images and files the lesson names: a changed image rebuilds the clients that show it, and only those.
      for (const file of source ? this.assets.lesson(source) : []) hash.update(`${file}\0${this.hashFile(file)}\0`)
    }
    return hash.digest('hex')
  }

  /** The record of a client whose kit on disk is exactly what this build would write, if there is one. */
  upToDate(entry: ClientEntry): CachedClient | undefined {
    const record = this.previous.rebuild[entry.id]
    if (!record || record.key !== this.keyOf(entry) || !Array.isArray(record.files) || !record.files.length) return undefined
    if (!Array.isArray(record.diagnostics)) return undefined
    return unchangedSince(this.out, record.files, this.previous) ? record : undefined
  }

  private hashFile(file: string): string {
    let digest = this.fileHashes.get(file)
    if (!digest) {
      digest = existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : 'missing'
      this.fileHashes.set(file, digest)
    }
    return digest
  }
}

/**
 * Every file under `dir`, sorted, following symbolic links as the build
 * reads through them (a lesson folder linked from elsewhere is part of the
 * project). A link back up the tree is followed once.
 */
function listFiles(dir: string, seen = new Set<string>()): string[] {
  let real: string
  try {
    real = realpathSync(dir)
  } catch {
    return []
  }
  if (seen.has(real)) return []
  seen.add(real)
  const files: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    let kind: Stats | undefined
    try {
      kind = entry.isSymbolicLink() ? statSync(full) : undefined
    } catch {
      continue // a broken link: nothing to read
    }
    if (entry.isDirectory() || kind?.isDirectory()) files.push(...listFiles(full, seen))
    else if (entry.isFile() || kind?.isFile()) files.push(full)
  }
  return files.sort()
}

/**
 * A hash of the kit as installed: its version, code and templates, and the
 * versions of its dependencies. A new version, or a changed build of it,
 * makes new kits. Taken once per build, for the rebuild keys and the
 * fingerprint alike.
 */
export function kitFingerprint(): string {
  return hashFiles(createHash('sha256').update(dependencyVersions()), packageRoot, [
    path.join(packageRoot, 'package.json'),
    ...listFiles(path.join(packageRoot, 'lib')),
    ...listFiles(path.join(packageRoot, 'templates')),
  ]).digest('hex')
}

/**
 * A hash of everything a build reads: the kit (`kit`, from kitFingerprint),
 * every file under the project's content/ and templates/, and `extraInputs`;
 * and of `settings`, the options that change what is written. Reading and
 * hashing these takes milliseconds, against seconds to load and check the
 * project, so an unchanged build is told apart before any of that.
 */
export function buildFingerprint(kit: string, root: string, settings: unknown, extraInputs: string[]): string {
  const hash = createHash('sha256').update(kit).update(JSON.stringify(settings))
  const files = [...listFiles(path.join(root, 'content')), ...listFiles(path.join(root, 'templates')), ...[...extraInputs].sort()]
  return hashFiles(hash, root, files).digest('hex')
}

/** Adds each file's name (relative to `base`: a moved project keeps its hash) and bytes. */
function hashFiles(hash: Hash, base: string, files: string[]): Hash {
  for (const file of files) {
    hash.update(`${path.relative(base, file)}\0`)
    hash.update(existsSync(file) ? readFileSync(file) : 'missing')
    hash.update('\0')
  }
  return hash
}

/** Files a build read from outside content/ and templates/ (logos, fonts, images kept elsewhere in the project). */
export function extraInputsOf(project: Project, assets: AssetInputs): string[] {
  const inside = [path.join(project.root, 'content'), path.join(project.root, 'templates')].map((dir) => dir + path.sep)
  const logos = project.clients.flatMap((entry) => [...(entry.logoFile ? [entry.logoFile] : []), ...entry.fonts.map((font) => font.file)])
  // And the images and files lessons and themes name from elsewhere in the project.
  const named = [...allLessonSources(project).flatMap((source) => assets.lesson(source)), ...assets.themes]
  return [...new Set([...logos, ...named].filter((file) => !inside.some((dir) => file.startsWith(dir))))].sort()
}

/**
 * The installed versions of the kit's dependencies (and of Marpit, which
 * marp-core builds on): an update of the renderer changes the kits even when
 * the kit's own version does not.
 */
function dependencyVersions(): string {
  const manifest = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> }
  const found = Object.keys(manifest.dependencies ?? {}).map((name) => [name, installedPackage(name, packageRoot)] as const)
  const marpCore = found.find(([name]) => name === '@marp-team/marp-core')?.[1]
  if (marpCore) found.push(['@marp-team/marpit', installedPackage('@marp-team/marpit', marpCore.dir)])
  return found.map(([name, found]) => `${name}@${found?.version ?? 'missing'}`).join('\n')
}

/** Where Node would find a package from `from`, and its version. */
function installedPackage(name: string, from: string): { dir: string; version: string } | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'node_modules', name, 'package.json')
    if (existsSync(file)) {
      const { version } = JSON.parse(readFileSync(file, 'utf8')) as { version?: string }
      return { dir: path.dirname(file), version: version ?? '?' }
    }
    if (path.dirname(dir) === dir) return undefined
  }
}
