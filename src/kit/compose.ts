// Stage "compose": lesson models become Marp markdown. The workshop deck
// (deck.md) is one file Marp's own tools can open: title slide, agenda, every
// lesson, closing. Each lesson deck is the lesson's own front matter and
// slides, nothing added.
import type { ClientData, WorkshopData } from '../project/cascade.js'
import { brandCss } from './brand.js'
import { PAGE_DIRECTIVES, type LessonModel } from '../lesson/model.js'
import type { DeckPart } from './render-marp.js'

export interface WorkshopDeckInput {
  client: ClientData
  workshop: WorkshopData
  lessons: LessonModel[]
  opening: string
  closing: string
  /** Put the brand in the deck's style (deck.md); pages set it themselves. Default true. */
  brand?: boolean
  /** The brand's @font-face rules (fonts embedded), for deck.md's style. */
  fontFaces?: string
  /** The language each lesson is written in (default: the client's); its slides carry it as their `lang`. */
  languages?: string[]
}

export function composeWorkshopDeck({ client, workshop, lessons, opening, closing, brand = true, fontFaces }: WorkshopDeckInput): string {
  const styles = [
    ...(brand && fontFaces ? [fontFaces] : []),
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
    // Spot directives of the front matter ("_class: lead") apply to the lesson's first slide.
    for (const [key, value] of Object.entries(lesson.frontMatter)) {
      if (key.startsWith('_') && isPageDirective(key) && value !== undefined && value !== null) directives.push(`<!-- ${key}: ${directiveValue(key.slice(1), value)} -->`)
    }
    // A block the lesson leaves open (a code fence, a <style>) is closed where the lesson ends.
    const body = blankLinesTrimmed(lesson.workshopBody) + (lesson.closeAtEnd !== undefined ? `\n${lesson.closeAtEnd}` : '')
    return directives.length ? `${directives.join('\n')}\n\n${body}` : body
  })
  return `${frontMatter}\n\n${[opening.trim(), ...sections, closing.trim()].join('\n\n---\n\n')}\n`
}

/**
 * Blank lines off both ends, and nothing else: a first line indented as code,
 * or "    ***", or text starting with an ideographic space, stays as written.
 */
function blankLinesTrimmed(body: string): string {
  return body.replace(/^(?:[ \t]*\r?\n)+/, '').replace(/(?:\r?\n[ \t]*)+$/, '')
}

/**
 * The workshop deck as Marp decks of their own, one per part (opening, each
 * lesson, closing), for the kit's render (DeckRenderer.renderParts): nothing
 * in one lesson's markdown can reach another. Each part has the deck's theme,
 * language and pagination, with the lesson's own page directives and
 * headingDivider in its front matter. `style` is the deck's global style,
 * which applies to every part.
 */
export function composeWorkshopParts({ client, lessons, opening, closing, languages = [] }: WorkshopDeckInput): { parts: DeckPart[]; style: string } {
  const style = lessons
    .flatMap((l) => [l.frontMatter.style, l.commentGlobals.style])
    .filter((s): s is string => typeof s === 'string')
    .join('\n')
  // The deck's theme, pagination and language, then the lesson's own Marp
  // keys in the order it wrote them (Marp writes a slide's attributes in that order).
  // A lesson's slides carry the language it is written in: Marp sets `lang` on each <section> of a part.
  const partFrontMatter = (lesson?: LessonModel, language = client.language) => {
    const values = new Map<string, string>([
      ['theme', 'workshop-kit'],
      ['paginate', 'true'],
      ['lang', JSON.stringify(language)],
    ])
    const own = lesson ? Object.keys(lesson.frontMatter) : []
    for (const key of own) {
      const value = lesson!.frontMatter[key]
      if (value === undefined || value === null || !isPageDirective(key)) continue
      values.delete(key)
      values.set(key, directiveValue(key.replace(/^_/, ''), value))
    }
    if (lesson && lesson.headingDivider !== undefined && lesson.headingDivider !== null) values.set('headingDivider', JSON.stringify(lesson.headingDivider))
    return `---\n${[...values].map(([key, value]) => `${key}: ${value}`).join('\n')}\n---\n`
  }
  return {
    parts: [
      { markdown: partFrontMatter() + opening, ownFrontMatter: false },
      ...lessons.map((lesson, i) => ({ markdown: partFrontMatter(lesson, languages[i]) + lesson.partBody, ownFrontMatter: lesson.frontMatterText !== undefined })),
      { markdown: partFrontMatter() + closing, ownFrontMatter: false },
    ],
    style,
  }
}

/** A page directive, or its spot form ("_class"). */
const isPageDirective = (key: string) => (PAGE_DIRECTIVES as readonly string[]).includes(key.replace(/^_/, ''))

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
