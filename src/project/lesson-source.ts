// Stage "load" for one lesson: split front matter from body (gray-matter,
// YAML only: code engines are refused), validate the front matter and check
// the body's directive structure against the author's own lines.
import matter from 'gray-matter'
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostics.js'
import { checkDirectives, normalizeFences } from '../markdown/directives.js'
import { literalRanges, parseMarkdown } from '../markdown/parse.js'
import { validateAgainst } from './schema.js'
import { parseYaml } from './yaml-source.js'

export interface LessonFrontMatter {
  title?: string
  duration?: number
  objectives?: string[]
  models?: Array<'B2C' | 'B2B' | 'mixto'>
  sizes?: Array<'pyme' | 'grande'>
  [key: string]: unknown
}

export interface LessonSource {
  id: string
  file: string
  /** Front matter as data (empty when the lesson has none). */
  data: LessonFrontMatter
  /** The YAML between the "---" lines, verbatim, handed to Marp as is. */
  frontMatterText: string | undefined
  body: string
  /** Lines before the body: add to a body line to get the file line. */
  bodyLineOffset: number
  /** Body ranges holding code or math, never templated. */
  literalRanges: Array<[number, number]>
}

/** Front matter languages gray-matter would run as code. */
const FRONT_MATTER_LANGUAGE = /^---[ \t]*([A-Za-z][\w-]*)[ \t]*\r?\n/

export function readLesson(id: string, file: string, text: string): { lesson?: LessonSource; diagnostics: Diagnostic[] } {
  text = text.replace(/^\uFEFF/, '')
  const language = FRONT_MATTER_LANGUAGE.exec(text)?.[1]
  if (language && language.toLowerCase() !== 'yaml' && language.toLowerCase() !== 'yml') {
    return {
      diagnostics: [
        diagnostic('front-matter-engine', `front matter language "${language}" is not allowed: only YAML front matter is read`, {
          file,
          line: 1,
          column: 4,
        }),
      ],
    }
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
    return {
      diagnostics: [diagnostic('front-matter-engine', 'front matter could not be read', { file, line: 1, column: 1 })],
    }
  }
  if (!text.endsWith(body)) body = text
  const bodyLineOffset = countLines(text.slice(0, text.length - body.length))

  const diagnostics: Diagnostic[] = []
  let data: LessonFrontMatter = {}
  if (frontMatterText !== undefined && frontMatterText.trim() !== '') {
    // The text starts right after the opening "---", usually with its newline.
    const { source, diagnostics: yamlErrors } = parseYaml(frontMatterText, file, frontMatterText.startsWith('\n') ? 0 : 1)
    diagnostics.push(...yamlErrors)
    if (source) {
      if (source.data === null || typeof source.data !== 'object' || Array.isArray(source.data)) {
        diagnostics.push(diagnostic('schema-type', 'front matter must be a mapping of "key: value" lines', { file, line: 2, column: 1 }))
      } else {
        diagnostics.push(...validateAgainst('lesson', source))
        data = source.data as LessonFrontMatter
      }
    }
  }

  // Directive structure is checked on the author's text, so positions are exact.
  const fences = normalizeFences(body, file, bodyLineOffset)
  diagnostics.push(...fences.diagnostics)
  const tree = parseMarkdown(fences.text)
  diagnostics.push(...checkDirectives(tree, file, bodyLineOffset))

  return {
    lesson: { id, file, data, frontMatterText, body, bodyLineOffset, literalRanges: literalRanges(tree, body) },
    diagnostics,
  }
}

function countLines(text: string): number {
  let n = 0
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++
  return n
}
