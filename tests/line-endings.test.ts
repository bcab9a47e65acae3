// Files saved on Windows (CRLF) or an old Mac (CR) read as the same text:
// the default workshop with every line ending changed gives the same kit.
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { build } from '../lib/index.js'
import { expectSameFiles, tree, withoutManifest } from './helpers/files.js'
import { repoRoot } from './helpers/project.js'

function withLineEnds(ending: string): string {
  const root = mkdtempSync(path.join(tmpdir(), 'wk-eol-'))
  cpSync(path.join(repoRoot, 'content'), path.join(root, 'content'), { recursive: true })
  for (const entry of readdirSync(path.join(root, 'content'), { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.(md|ya?ml)$/.test(entry.name)) continue
    const file = path.join(entry.parentPath, entry.name)
    writeFileSync(file, readFileSync(file, 'utf8').replaceAll('\n', ending))
  }
  return root
}

describe('line endings', () => {
  it('the default workshop in CRLF and in CR gives the kit it gives in LF', async () => {
    const kits = []
    for (const root of [withLineEnds('\n'), withLineEnds('\r\n'), withLineEnds('\r')]) {
      const out = path.join(root, 'dist')
      const result = await build({ root, out, formats: ['html'], clients: ['banco-meridiano'] })
      expect(result.ok, JSON.stringify(result.diagnostics)).toBe(true)
      kits.push(withoutManifest(tree(out)))
    }
    expectSameFiles(kits[1], kits[0])
    expectSameFiles(kits[2], kits[0])
  })
})
