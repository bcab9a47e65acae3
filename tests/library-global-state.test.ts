// The library changes nothing outside itself: a program that imports it and
// also uses Handlebars (or Marp) keeps them as they were.
import { createRequire } from 'node:module'
import Handlebars from 'handlebars'
import { Marp } from '@marp-team/marp-core'
import { describe, expect, it } from 'vitest'
import { build } from '../src/index.js'
import { minimalProject } from './helpers/project.js'

describe('the library leaves other modules alone', () => {
  it("keeps the host's Handlebars escaping after a build", async () => {
    const root = minimalProject({ 'content/clients/acme.yml': 'name: "Acme *S.L.* <b>"\n' })
    const result = await build({ root, formats: ['html'] })
    expect(result.ok).toBe(true)
    expect(Handlebars.compile('{{x}}')({ x: 'a.b' })).toBe('a.b')
    expect(Handlebars.compile('{{x}}')({ x: 'https://example.com' })).toBe('https://example.com')
    expect(Handlebars.compile('{{x}}')({ x: '<b>' })).toBe('&lt;b&gt;')
    expect(Handlebars.Utils.escapeExpression('a:b')).toBe('a:b')
  })

  it("keeps Marpit's modules and a host's Marp as they were", async () => {
    const requireFromMarp = createRequire(marpCoreFile())
    const yamlModule = requireFromMarp('@marp-team/marpit/lib/markdown/directives/yaml.js')
    const before = yamlModule.yaml
    const root = minimalProject()
    await build({ root, formats: ['html'] })
    expect(yamlModule.yaml).toBe(before)
    // A host's own Marp renders a scoped style with Marpit's own (random) keys, not the kit's.
    const { html } = new Marp().render('<style scoped>h1 { color: red }</style>\n\n# Hola')
    expect(html).not.toMatch(/data-marpit-scope-wk/)
  })
})

function marpCoreFile(): string {
  return createRequire(import.meta.url).resolve('@marp-team/marp-core')
}
