// A lesson's front matter key that neither the kit nor Marp reads would be
// ignored without a word: it is a warning at the key, with the likely
// spelling. The kit's keys, Marp's directives (global, page, spot) and keys
// the lesson itself uses as {{lesson.<key>}} pass silently.
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { build, formatDiagnostic } from '../src/index.js'
import { runCli } from './helpers/cli.js'
import { minimalProject } from './helpers/project.js'

const MARP_AND_KIT = `---
marp: true
title: Todo lo que Marp lee
duration: 20
objectives: [Probar]
models: [B2C]
sizes: [pyme]
sectors: [general]
theme: default
style: "section { color: #333; }"
headingDivider: 2
size: 16:9
math: katex
lang: es
description: Una lección
author: Ana
image: https://example.com/og.png
url: https://example.com
keywords: [marp]
transition: fade
paginate: true
header: Cabecera
footer: Pie
class: lead
backgroundColor: "#fff"
backgroundImage: none
backgroundPosition: center
backgroundRepeat: no-repeat
backgroundSize: cover
color: "#000"
_class: lead
_paginate: false
level: 2
---

# Nivel {{lesson.level}}
`

describe('lesson front matter keys', () => {
  it('warns at a key neither the kit nor Marp reads, with the likely spelling', async () => {
    const root = minimalProject({
      'content/lessons/intro.md': '---\ntitle: Intro\nduraton: 20\nmodel: [B2B]\nsector: [banca]\ncolour: red\n---\n\n# Hola\n',
    })
    const result = await build({ root, formats: ['html'] })
    expect(result.ok).toBe(true)
    const lines = result.diagnostics.map((d) => formatDiagnostic(d, (file) => path.relative(root, file)).split('\n')[0])
    expect(lines).toEqual([
      'content/lessons/intro.md:3:1: warning: front matter key "duraton" is neither the kit\'s nor Marp\'s, and is ignored (did you mean "duration"?)',
      'content/lessons/intro.md:4:1: warning: front matter key "model" is neither the kit\'s nor Marp\'s, and is ignored (did you mean "models"?)',
      'content/lessons/intro.md:5:1: warning: front matter key "sector" is neither the kit\'s nor Marp\'s, and is ignored (did you mean "sectors"?)',
      'content/lessons/intro.md:6:1: warning: front matter key "colour" is neither the kit\'s nor Marp\'s, and is ignored (did you mean "color"?)',
    ])
  })

  it('says nothing of the kit\'s keys, Marp\'s directives and keys the lesson uses', async () => {
    const root = minimalProject({ 'content/lessons/intro.md': MARP_AND_KIT })
    const result = await build({ root, formats: ['html'] })
    expect(result.diagnostics).toEqual([])
    expect(result.ok).toBe(true)
  })

  it('is a warning: the build goes on; --strict makes it an error', () => {
    const root = minimalProject({ 'content/lessons/intro.md': '---\nduraton: 20\n---\n\n# Hola\n' })
    const run = runCli(['build', '--format', 'html'], root)
    expect(run.code).toBe(0)
    expect(run.stderr).toContain('content/lessons/intro.md:2:1: warning: front matter key "duraton"')
    expect(runCli(['build', '--format', 'html', '--strict', '--force'], root).code).toBe(1)
  })
})
