// Stage "load" for one lesson: split front matter from body (gray-matter,
// YAML only: code engines are refused), validate the front matter and check
// the body's directive structure against the author's own lines.
import matter from 'gray-matter'
import { Reporter } from '../diagnostics/reporter.js'
import { looseMarpYaml, MARP_KEYS, withMarpValues } from '../markdown/marp-yaml.js'
import { checkDirectives, normalizeFences } from '../markdown/directives.js'
import { MAX_NESTING, nestingBeyond } from '../markdown/nesting.js'
import { reportOpenAtEnd } from '../markdown/open-blocks.js'
import { literalRanges, parseMarkdown } from '../markdown/parse.js'
import { parseYaml, type YamlSource } from './yaml-source.js'
import { closest } from '../diagnostics/did-you-mean.js'
import { LESSON_KEYS } from './schema.js'

export interface LessonFrontMatter {
  title?: string
  duration?: number
  objectives?: string[]
  models?: Array<'B2C' | 'B2B' | 'mixto'>
  sizes?: Array<'pyme' | 'grande'>
  /** Only for clients of these sectors (client "sector"). */
  sectors?: string[]
  /** Only for clients whose variables (workshop.yml "vars:") have these values: name -> a value or a list of values. */
  when?: Record<string, unknown>
  [key: string]: unknown
}

export interface LessonSource {
  id: string
  file: string
  /** Front matter as data (empty when the lesson has none). */
  data: LessonFrontMatter
  /** The YAML between the "---" lines, verbatim, handed to Marp as is. */
  frontMatterText: string | undefined
  /** The same YAML with positions, for the checks of the loading stage (undefined when there is none). */
  frontMatterSource: YamlSource | undefined
  body: string
  /** Lines before the body: add to a body line to get the file line. */
  bodyLineOffset: number
  /** Body ranges holding code or math, never templated. */
  literalRanges: Array<[number, number]>
  /** The language the lesson file is written in (canonical BCP 47 tag): the workshop's for <id>.md, <language> for <id>.<language>.md. Set by the loading stage. */
  language?: string
}

/** Front matter languages gray-matter would run as code. */
const FRONT_MATTER_LANGUAGE = /^---[ \t]*([A-Za-z][\w-]*)[ \t]*\r?\n/

/** Reads a lesson file's text; problems go to `reporter`, and a lesson that cannot be read gives undefined. */
export function readLesson(id: string, file: string, text: string, reporter: Reporter): LessonSource | undefined {
  text = text.replace(/^\uFEFF/, '')
  const language = FRONT_MATTER_LANGUAGE.exec(text)?.[1]
  if (language && language.toLowerCase() !== 'yaml' && language.toLowerCase() !== 'yml') {
    reporter.report('front-matter-engine', { language }, { file, line: 1, column: 4 })
    return undefined
  }

  let frontMatterText: string | undefined
  let body = text
  try {
    // Passing options also bypasses gray-matter's content cache. The engines
    // only capture the raw text: YAML is parsed below, with positions.
    const refuse = () => {
      throw new Error('code front matter refused')
    }
    const parsed = matter(text, {
      engines: {
        yaml: { parse: (raw: string) => ((frontMatterText = raw), {}) , stringify: () => '' },
        js: { parse: refuse, stringify: refuse },
        javascript: { parse: refuse, stringify: refuse },
        coffee: { parse: refuse, stringify: refuse },
        coffeescript: { parse: refuse, stringify: refuse },
      },
    } as never)
    body = parsed.content
  } catch {
    reporter.report('front-matter-engine', {}, { file, line: 1, column: 1 })
    return undefined
  }
  if (!text.endsWith(body)) body = text
  const bodyLineOffset = countLines(text.slice(0, text.length - body.length))

  let data: LessonFrontMatter = {}
  let frontMatterSource: YamlSource | undefined
  if (frontMatterText !== undefined && frontMatterText.trim() !== '') {
    // The text starts right after the opening "---", usually with its newline.
    const lineOffset = frontMatterText.startsWith('\n') ? 0 : 1
    // Strict YAML first; else Marp's loose reading of its own keys (see marp-yaml.ts); else the strict error.
    const strictProblems = new Reporter()
    const strict = parseYaml(frontMatterText, file, strictProblems, lineOffset)
    const loose = parseYaml(looseMarpYaml(frontMatterText), file, new Reporter(), lineOffset)
    const source = strict ?? loose
    if (!source) reporter.addAll(strictProblems.list())
    if (source) {
      if (source.data === null || typeof source.data !== 'object' || Array.isArray(source.data)) {
        // Marp hides such front matter and applies nothing from it: so does the kit, with a word.
        reporter.report('front-matter-ignored', {}, { file, line: 2, column: 1 })
      } else {
        frontMatterSource = source
        data = withMarpValues(source.data as LessonFrontMatter, loose?.data) as LessonFrontMatter
        checkFrontMatterKeys(data, source, body, reporter)
      }
    }
  }

  const tooDeep = nestingBeyond(body)
  if (tooDeep) {
    reporter.report('nested-too-deeply', { depth: tooDeep.depth, limit: MAX_NESTING }, { file, line: tooDeep.line + bodyLineOffset, column: tooDeep.column })
    return undefined
  }
  // Directive structure is checked on the author's text, so positions are exact.
  const fences = normalizeFences(body, { file, lineOffset: bodyLineOffset, reporter })
  const tree = parseMarkdown(fences)
  checkDirectives(tree, file, bodyLineOffset, reporter)
  reportOpenAtEnd(tree, fences, file, bodyLineOffset, reporter)
  return { id, file, data, frontMatterText, frontMatterSource, body, bodyLineOffset, literalRanges: literalRanges(tree, body) }
}

/** Every key a lesson's front matter may hold without a word: the kit's, Marp's (also in the spot form "_key"), and marp-cli's slide transitions. */
const KNOWN_KEYS = [...LESSON_KEYS, ...MARP_KEYS, ...MARP_KEYS.map((key) => `_${key}`), 'transition', '_transition']

/**
 * A key neither the kit nor Marp reads ("duraton:", "model:") would be
 * ignored without a word: it is a warning at the key, with the likely
 * spelling. A key the lesson's text uses ({{lesson.level}}) is the author's own.
 */
function checkFrontMatterKeys(data: LessonFrontMatter, source: YamlSource, body: string, reporter: Reporter): void {
  for (const key of Object.keys(data)) {
    if (KNOWN_KEYS.includes(key)) continue
    if (/^[\w$-]+$/.test(key) && new RegExp(`\\blesson\\.${key.replace(/\$/g, '\\$')}(?![\\w-])`).test(body)) continue
    reporter.report('unknown-front-matter-key', { key, guess: closest(key, KNOWN_KEYS) }, { file: source.file, ...source.locate([key], 'key') })
  }
}

function countLines(text: string): number {
  let n = 0
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++
  return n
}
