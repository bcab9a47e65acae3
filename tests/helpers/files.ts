// Comparing output folders byte for byte.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { expect } from 'vitest'

/** The build's record of what it wrote (compared apart: a shard or a rebuild writes its own). */
export const MANIFEST = '.workshop-kit.json'

/** Every file under a folder, relative path -> bytes. */
export function tree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>()
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const full = path.join(entry.parentPath, entry.name)
    files.set(path.relative(dir, full), readFileSync(full))
  }
  return files
}

/** `context` says which case this is when they differ. */
export function expectSameFiles(actual: Map<string, Buffer>, expected: Map<string, Buffer>, context = '') {
  expect([...actual.keys()].sort(), context).toEqual([...expected.keys()].sort())
  for (const [file, bytes] of expected) expect(actual.get(file)!.equals(bytes), `${file}${context ? `\n${context}` : ''}`).toBe(true)
}

export const withoutManifest = (files: Map<string, Buffer>) => new Map([...files].filter(([file]) => file !== MANIFEST))
