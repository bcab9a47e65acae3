#!/usr/bin/env node
// The shape of src/: every module's static and dynamic imports of other
// modules, any cycle among them, and the number of layers (the longest chain
// of imports, counted in modules). `node scripts/import-graph.mjs [src] [--types]`
// counts runtime imports; with --types, type-only imports count too.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'

const withTypes = process.argv.includes('--types')
const root = path.resolve(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? path.join(import.meta.dirname, '..', 'src'))
const files = (function list(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    return statSync(full).isDirectory() ? list(full) : name.endsWith('.ts') ? [full] : []
  })
})(root)

const graph = new Map()
for (const file of files) {
  const text = readFileSync(file, 'utf8')
  const targets = new Set()
  for (const match of text.matchAll(/(?:from|import\()\s*['"](\.{1,2}\/[^'"]+)\.js['"]/g)) {
    // Type-only imports vanish from the compiled code: they do not count.
    const line = text.slice(text.lastIndexOf('\n', match.index) + 1, match.index)
    if (!withTypes && /^import type\b/.test(line.trim()) || (!withTypes && /^export type\b/.test(line.trim()))) continue
    targets.add(path.resolve(path.dirname(file), `${match[1]}.ts`))
  }
  graph.set(file, [...targets].filter((t) => graph.has(t) || files.includes(t)))
}

const name = (file) => path.relative(root, file)
const depth = new Map()
const onStack = new Set()
const cycles = []
function layers(file, trail) {
  if (onStack.has(file)) {
    cycles.push([...trail.slice(trail.indexOf(file)), file].map(name).join(' -> '))
    return 0
  }
  if (depth.has(file)) return depth.get(file)
  onStack.add(file)
  let deepest = 0
  for (const target of graph.get(file)) deepest = Math.max(deepest, layers(target, [...trail, file]))
  onStack.delete(file)
  depth.set(file, deepest + 1)
  return deepest + 1
}
for (const file of files) layers(file, [])
const deepest = Math.max(...depth.values())
// One longest chain, from the top module down.
const chain = []
for (let file = [...depth].find(([, d]) => d === deepest)?.[0]; file; ) {
  chain.push(name(file))
  file = graph.get(file).find((target) => depth.get(target) === depth.get(file) - 1)
}
const hubs = [...graph].map(([file, targets]) => [name(file), targets.length]).sort((a, b) => b[1] - a[1]).slice(0, 5)
console.log(`modules: ${files.length}`)
console.log(`layers: ${deepest} (${chain.join(' -> ')})`)
console.log(`cycles: ${cycles.length ? '\n  ' + [...new Set(cycles)].join('\n  ') : 'none'}`)
console.log(`most imports: ${hubs.map(([f, n]) => `${f} (${n})`).join(', ')}`)
