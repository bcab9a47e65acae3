// The build's proof that participant outputs hold no trainer text. After a
// client's pages are made, the text of each page participants get (slides,
// worksheet, handout: kitPaths.participantOutputs) is compared with every
// speaker note, solution and facilitator block of the client's lessons
// (LessonModel.privateBlocks). A private sentence found in such a page is an
// error at the place the author wrote it: the kit never hands it out, whatever
// a template does. Runs for every client of every build, not only in tests.
import path from 'node:path'
import { decodeHTML } from 'entities'
import type { Reporter } from '../diagnostics/reporter.js'
import type { LessonModel, PrivateBlock } from '../lesson/model.js'

/** Fragments shorter than this (normalised characters) are too common to prove a leak ("Sí.", "Pausa de 5 minutos"). */
export const MIN_FRAGMENT = 25

/** An author's file with trainer text in it: a lesson (its model), or the deck's opening or closing template. */
export type PrivateSource = Pick<LessonModel, 'file' | 'privateBlocks' | 'shownText'>

/**
 * The speaker notes of the kit's own slides (the opening and closing
 * templates, which a project may override): the notes as Marp read them,
 * each at its line in the template when its first line is found there.
 */
export function templateNotes(file: string, templateText: string, rendered: string, notes: string[]): PrivateSource {
  const lines = templateText.split('\n')
  const privateBlocks = notes
    .filter((note) => note.trim())
    .map((note) => {
      const first = note.trim().split('\n')[0]
      const index = lines.findIndex((line) => line.includes(first))
      return { kind: 'note' as const, text: note, line: index + 1 || 1, column: 1 }
    })
  return { file, privateBlocks, shownText: rendered.replace(/<!--[\s\S]*?-->/g, ' ') }
}

export interface ParticipantPage {
  /** Path in the kit, e.g. "acme/worksheet.html". */
  path: string
  content: string
}

/**
 * Reports one `participant-leak` per private block and participant page that
 * holds any of its sentences. A sentence some lesson also shows on purpose
 * (on a slide, in an exercise: LessonModel.shownText) is no leak. That text is
 * the author's markdown, not the rendered slides: private text the kit itself
 * put on a slide by mistake is found too. `alsoShown`: other text every page
 * may show (the workshop's title, the client's name...).
 */
export function checkParticipantPages(pages: ParticipantPage[], lessons: PrivateSource[], reporter: Reporter, alsoShown: string[] = []): void {
  const shown = new TextIndex([...lessons.map((lesson) => lesson.shownText), ...alsoShown].map(normalise).join(' \u0001 '))
  const checks: Array<{ lesson: PrivateSource; block: PrivateBlock; fragments: Fragment[] }> = []
  for (const lesson of lessons) {
    for (const block of lesson.privateBlocks) {
      const fragments = fragmentsOf(block.text).filter((f) => !shown.has(f.words))
      if (fragments.length) checks.push({ lesson, block, fragments })
    }
  }
  if (!checks.length) return
  for (const page of pages) {
    const text = new TextIndex(normalise(visibleText(page.content)))
    for (const { lesson, block, fragments } of checks) {
      const found = fragments.find((f) => text.has(f.words))
      if (found === undefined) continue
      reporter.report(
        'participant-leak',
        { kind: block.kind, output: path.posix.basename(page.path), excerpt: excerpt(found.said) },
        { file: lesson.file, line: block.line, column: block.column },
      )
    }
  }
}

/** Words in a row a fragment is first looked up by. */
const GRAM = 3

/**
 * A normalised text, asked whether it holds a fragment as whole words.
 * Hundreds of fragments are asked of each page: a set of the text's word
 * triples turns most of them away before the text is searched.
 */
class TextIndex {
  private readonly text: string
  private readonly grams = new Set<string>()

  constructor(normalised: string) {
    this.text = ` ${normalised} `
    const words = normalised.split(' ')
    for (let i = 0; i + GRAM <= words.length; i++) this.grams.add(words.slice(i, i + GRAM).join(' '))
  }

  has(fragment: string): boolean {
    const words = fragment.split(' ')
    if (words.length >= GRAM) {
      if (!this.grams.has(words.slice(0, GRAM).join(' '))) return false
      if (!this.grams.has(words.slice(-GRAM).join(' '))) return false
    }
    return this.text.includes(` ${fragment} `)
  }
}

/**
 * The text a page holds for a reader: what it shows, the words of its
 * attributes a screen reader says, its comments and its JSON data (view
 * source shows those too); not its styles or scripts' code.
 */
export function visibleText(html: string): string {
  const text = html
    .replace(/<style\b[^>]*>[\s\S]*?<\/style\s*>/gi, ' ')
    .replace(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi, (_, attributes: string, body: string) =>
      /application\/(?:ld\+)?json/i.test(attributes) ? ` ${jsonStrings(body)} ` : ' ',
    )
    .replace(/<!--([\s\S]*?)-->/g, ' $1 ')
    .replace(/<[a-zA-Z/!?](?:"[^"]*"|'[^']*'|[^'">])*>/g, (tag) => {
      if (!SAID.test(tag)) return ' '
      const said = [...tag.matchAll(/\s(?:alt|title|aria-label|aria-description|placeholder|value|content)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)]
      return ` ${said.map((m) => m[1] ?? m[2]).join(' ')} `
    })
  return decodeHTML(text)
}

/** A tag with an attribute whose words a reader is given. */
const SAID = /\s(?:alt|title|aria-label|aria-description|placeholder|value|content)\s*=/i

/** Every string in a JSON text (the notes a deck page carries, say). */
function jsonStrings(json: string): string {
  const strings: string[] = []
  const walk = (value: unknown) => {
    if (typeof value === 'string') strings.push(value)
    else if (Array.isArray(value)) value.forEach(walk)
    else if (value && typeof value === 'object') Object.values(value).forEach(walk)
  }
  try {
    walk(JSON.parse(json))
  } catch {
    return json
  }
  return strings.join(' ')
}

/**
 * Words only, lower case, one space apart: markup, punctuation and spacing
 * are not what makes a leak. (Punctuation is listed rather than letters
 * allowed: ASCII and Latin-1 punctuation and the General Punctuation block
 * cover what lessons hold, at a third of the cost of a Unicode class.)
 */
export function normalise(text: string): string {
  return text.toLowerCase().replace(/[\s!-/:-@[-`{-~\u00a0-\u00bf\u00d7\u00f7\u2000-\u206f]+/g, ' ').trim()
}

/** A sentence of a private block: its words as compared, and as the author wrote it (for the message). */
export interface Fragment {
  words: string
  said: string
}

/**
 * The sentences of a private block long enough to prove a leak; a block
 * with no such sentence is compared whole.
 */
export function fragmentsOf(text: string): Fragment[] {
  const said = (t: string) => t.replace(/\s+/g, ' ').trim()
  const seen = new Set<string>()
  const sentences = text
    .split(/\n|(?<=[.!?…;:])\s+/)
    .map((sentence) => ({ words: normalise(sentence), said: said(sentence) }))
    .filter((f) => f.words.length >= MIN_FRAGMENT && !seen.has(f.words) && seen.add(f.words))
  if (sentences.length) return sentences
  const whole = normalise(text)
  return whole.length >= MIN_FRAGMENT ? [{ words: whole, said: said(text) }] : []
}

const excerpt = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}...` : text)
