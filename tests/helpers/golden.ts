// Expected outputs kept as files next to a fixture project ("golden files").
// Without UPDATE=1 a difference fails with a line diff; with UPDATE=1 the
// expected file is rewritten on purpose (then review it with git diff).
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { expect } from 'vitest'
import { repoRoot } from './project.js'

export const updating = process.env.UPDATE === '1'

/** Compares `actual` with the expected file, or writes it under UPDATE=1. */
export function expectGolden(actual: string, expectedFile: string): void {
  const shown = path.relative(repoRoot, expectedFile)
  if (updating) {
    mkdirSync(path.dirname(expectedFile), { recursive: true })
    writeFileSync(expectedFile, actual)
    return
  }
  // Soft: every expected file of a test is compared, not only the first that differs.
  if (!existsSync(expectedFile)) {
    expect.soft(false, `${shown} does not exist: run UPDATE=1 npm test to write it, then review it with git diff`).toBe(true)
    return
  }
  expect.soft(actual, `${shown} differs (if the change is meant, run UPDATE=1 npm test and review git diff)`).toBe(
    readFileSync(expectedFile, 'utf8'),
  )
}

/** The kit's own stylesheets (and a project's overrides of them): file name -> CSS. */
export function kitStylesheets(projectRoot?: string): Map<string, string> {
  const sheets = new Map<string, string>()
  for (const base of [repoRoot, projectRoot]) {
    if (!base) continue
    for (const folder of ['assets', 'themes']) {
      const dir = path.join(base, 'templates', folder)
      if (!existsSync(dir)) continue
      for (const name of readdirSync(dir).filter((f) => f.endsWith('.css'))) {
        sheets.set(`${folder}/${name}`, readFileSync(path.join(dir, name), 'utf8'))
      }
    }
  }
  return sheets
}

/**
 * The page with each <style> block that holds one of the kit's stylesheets
 * replaced by a short marker naming it, so expected pages do not copy the
 * kit's CSS and a CSS change leaves them alone. Styles made from the client's
 * data (brand colours, font) stay.
 */
export function withoutKitCss(html: string, sheets: Map<string, string>): string {
  const byContent = new Map([...sheets].map(([name, css]) => [css.trim(), name]))
  return html.replace(/<style([^>]*)>([\s\S]*?)<\/style>/g, (block, attributes: string, css: string) => {
    const name = byContent.get(css.trim())
    return name ? `<style${attributes}>/* kit CSS: ${name} */</style>` : block
  })
}

/** <style> blocks longer than `limit` characters: CSS an expected page should not hold. */
export function largeStyles(html: string, limit = 1000): string[] {
  return [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]).filter((css) => css.length > limit)
}
