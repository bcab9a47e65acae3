// Stage "compose": lesson models become Marp markdown. The workshop deck
// (deck.md) is one file Marp's own tools can open: title slide, agenda, every
// lesson, closing. Each lesson deck is the lesson's own front matter and
// slides, nothing added.
import type { ClientData, WorkshopData } from '../project/cascade.js'
import { brandCss } from './brand.js'
import { PAGE_DIRECTIVES, type LessonModel } from '../lesson/model.js'

export interface WorkshopDeckInput {
  client: ClientData
  workshop: WorkshopData
  lessons: LessonModel[]
  opening: string
  closing: string
  /** Put the brand in the deck's style (deck.md); pages set it themselves. Default true. */
  brand?: boolean
}

export function composeWorkshopDeck({ client, workshop, lessons, opening, closing, brand = true }: WorkshopDeckInput): string {
  const styles = [
    ...(brand ? [brandCss(client)] : []),
    ...lessons.flatMap((l) => [l.frontMatter.style, l.commentGlobals.style]).filter((s): s is string => typeof s === 'string'),
  ]
  const frontMatter = [
    '---',
    'marp: true',
    'theme: workshop-kit',
    'paginate: true',
    `lang: ${client.language}`,
    `title: ${JSON.stringify(`${workshop.title} · ${client.name}`)}`,
    'style: |',
    ...styles.join('\n').split('\n').map((line) => `  ${line}`),
    '---',
  ].join('\n')

  // Each lesson starts by setting (or resetting) the page directives any lesson uses.
  const used = PAGE_DIRECTIVES.filter((key) =>
    lessons.some((l) => l.frontMatter[key] !== undefined || l.commentPageDirectives.includes(key)),
  )
  const sections = lessons.map((lesson) => {
    const directives = used.map((key) => `<!-- ${key}: ${directiveValue(key, lesson.frontMatter[key])} -->`)
    return [...directives, lesson.workshopBody.trim()].join('\n')
  })
  return `${frontMatter}\n\n${[opening.trim(), ...sections, closing.trim()].join('\n\n---\n\n')}\n`
}

function directiveValue(key: string, value: unknown): string {
  if (value === undefined || value === null) return key === 'paginate' ? 'true' : '""'
  if (Array.isArray(value)) return JSON.stringify(value.join(' '))
  return typeof value === 'string' ? JSON.stringify(value) : String(value)
}

/** A lesson on its own: its front matter as written, then its slides. */
export function composeLessonDeck(lesson: LessonModel): string {
  const frontMatter = lesson.frontMatterText !== undefined ? `---\n${lesson.frontMatterText.replace(/\n?$/, '\n')}---\n\n` : ''
  return frontMatter + lesson.deckBody.replace(/^\n+/, '')
}
