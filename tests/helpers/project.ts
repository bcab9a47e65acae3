// Builds throwaway project folders on disk for tests.
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

export const repoRoot = path.resolve(import.meta.dirname, '..', '..')

/** A temporary project from a map of relative path -> file content. */
export function makeProject(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'wk-test-'))
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(root, relative)
    mkdirSync(path.dirname(file), { recursive: true })
    writeFileSync(file, content)
  }
  return root
}

/** A copy of a fixture folder under tests/fixtures, so a test may change it. */
export function copyFixture(name: string): string {
  const root = mkdtempSync(path.join(tmpdir(), `wk-${name}-`))
  cpSync(path.join(repoRoot, 'tests', 'fixtures', name), root, { recursive: true })
  return root
}

/** A copy of a project folder (its built dist/ with it), so a test may change it. */
export function copyProject(root: string): string {
  const copy = mkdtempSync(path.join(tmpdir(), 'wk-copy-'))
  cpSync(root, copy, { recursive: true })
  return copy
}

export const minimalLesson = `---
title: Lección mínima
duration: 20
objectives:
  - Probar el kit
---

# Hola {{client.name}}

Texto de la primera diapositiva.

<!-- Nota del ponente. -->

---

## Ejercicio

:::exercise{title="Piensa" minutes=5}
¿Qué harías en {{client.name}}?

::answer{lines=3}

:::solution
Una respuesta modelo SECRET_SOLUTION.
:::
:::

:::facilitator
Texto solo para el facilitador SECRET_FACILITATOR.
:::
`

export function minimalProject(extra: Record<string, string> = {}): string {
  return makeProject({
    'content/workshop.yml': 'title: Taller de prueba\nlessons:\n  - intro\n',
    'content/lessons/intro.md': minimalLesson,
    'content/clients/acme.yml': 'name: Acme\n',
    ...extra,
  })
}
