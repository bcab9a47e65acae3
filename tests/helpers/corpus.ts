// The shared corpus of real Marp decks (../shared/corpus/marp-decks, else
// the copy in tests/fixtures/marp-corpus, with its licences): its decks and
// themes, and slide counts as marp-core gives them with those themes.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { Marp } from '@marp-team/marp-core'
import { repoRoot } from './project.js'

const shared = path.resolve(repoRoot, '..', 'shared', 'corpus', 'marp-decks')
export const corpus = existsSync(shared) ? shared : path.join(repoRoot, 'tests', 'fixtures', 'marp-corpus')
export const decks = existsSync(corpus) ? readdirSync(corpus).filter((f) => f.endsWith('.md') && f !== 'README.md') : []
export const themes = existsSync(corpus) ? readdirSync(corpus).filter((f) => f.endsWith('.css')) : []

/** The corpus themes as the kit registers them: named by their @theme comment, else by their file name. */
export const themeCss = () =>
  themes.map((file) => {
    const css = readFileSync(path.join(corpus, file), 'utf8')
    return /@theme/.test(css) ? css : `/* @theme ${file.replace(/\.css$/, '')} */\n${css}`
  })

export function marpSlideCount(markdown: string): number {
  const marp = new Marp({ html: true })
  for (const css of themeCss()) marp.themeSet.add(css)
  return marp.render(markdown).comments.length
}
