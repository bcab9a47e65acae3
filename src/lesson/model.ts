// Stage "parse": one templated lesson becomes a LessonModel, the typed
// hand-off every view reads: the Marp body for decks (directives turned into
// slide markup and presenter notes) and the parts the worksheet and the guide
// show (exercises, answer space, solutions, key ideas, facilitator text).
import type { Nodes, Root } from 'mdast'
import { parse as parseYamlValue } from 'yaml'
import type { ContainerDirective } from 'mdast-util-directive'
import { normalizeFences } from '../markdown/directives.js'
import { positionsIn } from '../diagnostics/position.js'
import type { Labels } from './labels.js'
import { closerAtEnd } from '../markdown/open-blocks.js'
import { nodesToHtml, parseMarkdown, textOf, type SlideTrees } from '../markdown/parse.js'
import type { LessonSource } from '../project/lesson-source.js'
import { escapeHtml } from '../template/escape.js'

/** A piece of an exercise as the worksheet shows it: text, or space to write. */
export type ExercisePart =
  | { kind: 'text'; html: string }
  | {
      kind: 'answer'
      lines: number
      /** Line in the author's file. */
      line: number
      /** Plain text of the list item (the question) the answer sits in; null for an answer outside a list. */
      question: string | null
    }

/**
 * Text only the trainer may see (a speaker note, a solution, a facilitator
 * block), as plain text, and where the author wrote it: what the build's
 * leak check (kit/leak-check.ts) looks for in every participant output.
 */
export interface PrivateBlock {
  kind: 'note' | 'solution' | 'facilitator'
  text: string
  line: number
  column: number
}

export interface Exercise {
  title: string
  /** The author's line of the `:::exercise` (where the guide shows it: the slide it is on). */
  line: number
  minutes: number | null
  /** The box this exercise fills in the worksheet's plan canvas (its `canvas` attribute), or null: none. */
  canvas: string | null
  parts: ExercisePart[]
  solutionHtml: string | null
}

export interface LessonModel {
  id: string
  file: string
  title: string
  /** Minutes; estimated from slides and exercises when the front matter has none. */
  duration: number
  durationEstimated: boolean
  objectives: string[]
  exercises: Exercise[]
  keyIdeasHtml: string[]
  facilitatorHtml: string[]
  /** Marp markdown of the lesson's slides, without front matter. */
  deckBody: string
  /**
   * The same slides for the workshop deck, where the lesson's front matter
   * does not apply: a headingDivider is written out as "---" breaks.
   */
  workshopBody: string
  /**
   * The slides for the lesson's part of the workshop deck, rendered as a Marp
   * deck of its own: only the global directive comments are taken out (the
   * deck's theme, size and math rule there); a headingDivider stays, as
   * `headingDivider` (front matter or comment), given with the part's front matter.
   */
  partBody: string
  /** The headingDivider the lesson sets (front matter or comment), as Marp reads it. */
  headingDivider: unknown
  /**
   * When the lesson's markdown ends inside a fenced code block or an HTML
   * block that only a closing line ends (<style>, <pre>, <script>, <textarea>, a
   * comment...), the line that closes it: deck.md adds it where the lesson
   * ends, so the next lesson is not swallowed.
   */
  closeAtEnd: string | undefined
  /** Global directives the lesson sets in comments (they would rule the whole workshop deck). */
  commentGlobals: Record<string, unknown>
  /** Page directives the lesson sets in comments, reset where the next lesson starts. */
  commentPageDirectives: string[]
  /** The lesson's own front matter text, for its stand-alone deck. */
  frontMatterText: string | undefined
  frontMatter: Record<string, unknown>
  /** Notes the kit added (solutions, facilitator text), told apart from the author's. */
  kitNotes: Set<string>
  /** For each slide of the lesson, the line of the author's file where it starts. */
  slideLines: number[]
  /** Every speaker note, solution and facilitator block, at any depth. */
  privateBlocks: PrivateBlock[]
  /**
   * Plain text the lesson shows on purpose (its title, objectives, slides,
   * exercises, key ideas): a private sentence that is also here is no leak.
   */
  shownText: string
}

/** Minutes per slide when a lesson gives no duration. */
const MINUTES_PER_SLIDE = 2

export interface ModelOptions {
  /** Maps lines of the templated body back to lines of the body as written (see line-tags.ts); else lines are unchanged. */
  sourceLines?: number[]
  /** Slide trees already parsed in this build, and whether this text is meant to be shared by many clients (see parse.ts). */
  trees?: SlideTrees
  shared?: boolean
  /** A last say on the parsed text: false gives no model. */
  acceptTree?: (tree: Root) => boolean
}

/** The model of a lesson's templated body; undefined only when `acceptTree` refused its tree. */
export function buildLessonModel(source: LessonSource, templatedBody: string, labels: Labels, options: ModelOptions = {}): LessonModel | undefined {
  const { sourceLines } = options
  // Directive problems were reported when the lesson was read, on the author's own text.
  const text = normalizeFences(templatedBody)
  const tree = parseMarkdown(text, options.trees, options.shared)
  if (options.acceptTree && !options.acceptTree(tree)) return undefined
  const exercises: Exercise[] = []
  const keyIdeasHtml: string[] = []
  const facilitatorHtml: string[] = []
  const kitNotes = new Set<string>()
  /** Line in the author's file of an offset in the templated text. */
  const positionOf = positionsIn(text)
  const fileLine = (offset: number) => {
    const line = positionOf(offset).line
    return (sourceLines?.[line - 1] ?? line) + source.bodyLineOffset
  }

  /**
   * What participants may see of some nodes: a copy holding only node types
   * on the allow-list, at any depth. Directives (solutions, facilitator
   * blocks, unknown ones, answers: placed by the caller), raw HTML (speaker
   * notes, <details>...) and anything else are left out. A text directive
   * (a stray ":word" in a sentence) stays the text the author wrote.
   */
  const allowed = (nodes: Nodes[]): Nodes[] =>
    nodes.flatMap((node): Nodes[] => {
      if (node.type === 'textDirective') {
        const start = node.position?.start.offset
        const end = node.position?.end.offset
        return start === undefined || end === undefined ? [] : [{ type: 'text', value: text.slice(start, end) }]
      }
      if (!PARTICIPANT_NODES.has(node.type) || isDirectiveLabel(node)) return []
      if (!('children' in node)) return [node]
      const children = allowed(node.children as Nodes[])
      // A paragraph that held only a left-out node is left out too.
      if (node.type === 'paragraph' && children.length === 0 && node.children.length > 0) return []
      return [{ ...node, children } as Nodes]
    })

  /** The deck markdown for a range of the text, with the kit's directives replaced. */
  const deckMarkdown = (nodes: Nodes[], from: number, to: number, workshop?: WorkshopEdits): string => {
    let out = ''
    let cursor = from
    for (const node of nodes) {
      const start = node.position?.start.offset
      const end = node.position?.end.offset
      if (start === undefined || end === undefined || start < cursor) continue
      if (workshop?.breaksAt.has(start)) {
        out += text.slice(cursor, start) + '---\n\n'
        cursor = start
      }
      const comment = workshop?.comments.get(start)
      if (comment !== undefined) {
        out += text.slice(cursor, start) + comment
        cursor = end
        continue
      }
      const replacement = deckForOnce(node)
      if (replacement === undefined) continue
      out += text.slice(cursor, start) + replacement
      cursor = end
    }
    return out + text.slice(cursor, to)
  }

  const childrenRange = (node: ContainerDirective): [number, number] => {
    const kids = node.children.filter((c) => !(c.type === 'paragraph' && (c.data as { directiveLabel?: boolean })?.directiveLabel))
    if (kids.length === 0) return [node.position!.end.offset!, node.position!.end.offset!]
    return [kids[0].position!.start.offset!, kids[kids.length - 1].position!.end.offset!]
  }

  /**
   * A kit-made note, in place of `node`. Nested in a list item (or a block
   * quote), its lines keep the item's indent: otherwise the comment would end
   * the item and its text show on the slide.
   */
  const note = (label: string, body: string, node: Nodes) => {
    const content = `${label}\n${plainNote(body)}`.trim()
    kitNotes.add(content)
    const start = node.position!.start.offset!
    const indent = text.slice(text.lastIndexOf('\n', start - 1) + 1, start).replace(/[^>\t]/g, ' ')
    return `<!--\n${content}\n-->`.replace(/\n/g, `\n${indent}`)
  }

  // Each node is turned into slide markup once, even though the lesson deck and
  // the workshop copy both assemble from it: that is also when the exercises,
  // key ideas and notes are collected.
  const replaced = new Map<Nodes, string | undefined>()
  const deckForOnce = (node: Nodes): string | undefined => {
    if (!replaced.has(node)) replaced.set(node, deckFor(node))
    return replaced.get(node)
  }

  // Walks into non-directive nodes too: a directive may sit in a list item.
  const deckFor = (node: Nodes): string | undefined => {
    if (node.type === 'containerDirective') {
      const [from, to] = childrenRange(node)
      const inner = () => deckMarkdown(node.children as Nodes[], from, to)
      switch (node.name) {
        case 'exercise': {
          const exercise = readExercise(node)
          exercises.push(exercise)
          // A solution nested deeper (in a list) is the exercise's too.
          const solutions = directivesIn(node.children as Nodes[], 'solution')
          const minutes = exercise.minutes ? ` <span class="wk-minutes">${exercise.minutes} min</span>` : ''
          // Text on HTML lines: markdown does not run there, HTML escaping is enough.
          return (
            `<div class="wk-exercise">\n\n<p class="wk-exercise-title">${escapeHtml(labels.exercise)}: ${escapeHtml(exercise.title)}${minutes}</p>\n\n` +
            inner().trim() +
            `\n\n</div>` +
            (solutions.length ? `\n\n${note(`${labels.solution} (${exercise.title}):`, solutions.map(sliceChildren).join('\n\n'), node)}` : '')
          )
        }
        case 'solution':
          return ''
        case 'facilitator':
          facilitatorHtml.push(nodesToHtml(node.children as Nodes[]))
          return note(`${labels.facilitator}:`, sliceChildren(node), node)
        case 'key':
          keyIdeasHtml.push(nodesToHtml(allowed(node.children as Nodes[])))
          return `<div class="wk-key">\n\n${inner().trim()}\n\n</div>`
      }
      return undefined
    }
    if (node.type === 'leafDirective' && node.name === 'answer') {
      return `<p class="wk-answer-hint">${escapeHtml(labels.answerHint)}</p>`
    }
    if ('children' in node && node.position) {
      const kids = node.children as Nodes[]
      if (!kids.some(containsKitDirective)) return undefined
      return deckMarkdown(kids, node.position.start.offset!, node.position.end.offset!)
    }
    return undefined
  }

  const sliceChildren = (node: ContainerDirective) => {
    const [from, to] = childrenRange(node)
    return text.slice(from, to)
  }

  /**
   * An exercise as the worksheet shows it: its prompt (only what `allowed`
   * lets through) cut into text parts and answer parts, each answer where the
   * author wrote it. An answer inside a list item (one per question) comes
   * right after its item: the list is split there, its numbering kept.
   */
  const readExercise = (node: ContainerDirective): Exercise => {
    const parts: ExercisePart[] = []
    let pending: Nodes[] = []
    const flush = () => {
      const kept = pending.filter((n) => !(n.type === 'list' && n.children.length === 0))
      if (kept.length) parts.push({ kind: 'text', html: nodesToHtml(kept) })
      pending = []
    }
    const answer = (directive: Nodes, question: string | null) => {
      flush()
      const attributes = (directive as { attributes?: Record<string, string | null | undefined> }).attributes
      parts.push({ kind: 'answer', lines: Number(attributes?.lines ?? 4) || 4, line: fileLine(directive.position!.start.offset!), question })
    }
    const place = (child: Nodes) => {
      if (isAnswer(child)) return answer(child, null)
      if (child.type === 'list' && child.children.some(hasAnswer)) {
        const first = child.start ?? 1
        let open: (typeof child) | undefined
        child.children.forEach((item, i) => {
          const kept = allowed([item]) as typeof child.children
          if (kept.length) {
            if (!open) pending.push((open = { ...child, start: child.ordered ? first + i : child.start, children: [] }))
            open.children.push(...kept)
          }
          const answers = answersIn(item)
          if (answers.length) open = undefined
          const question = kept.length ? questionText(kept[0]) : null
          for (const a of answers) answer(a, question)
        })
        return
      }
      pending.push(...allowed([child]))
      // An answer deeper in some other block comes after that block.
      for (const a of answersIn(child)) answer(a, null)
    }
    for (const child of node.children as Nodes[]) place(child)
    flush()
    const solutions = directivesIn(node.children as Nodes[], 'solution')
    const minutes = Number(node.attributes?.minutes)
    return {
      title: node.attributes?.title || labels.exercise,
      line: fileLine(node.position!.start.offset!),
      minutes: Number.isFinite(minutes) && minutes > 0 ? minutes : null,
      canvas: node.attributes?.canvas?.trim() || null,
      parts,
      solutionHtml: solutions.length ? solutions.map((solution) => nodesToHtml(solution.children as Nodes[])).join('\n') : null,
    }
  }

  /** The text of nodes as the lesson shows it: without notes, solutions and facilitator blocks. */
  const shown = (nodes: Nodes[], between = '\n'): string =>
    nodes
      .map((node): string => {
        if (node.type === 'html' || node.type === 'leafDirective') return ''
        if (node.type === 'containerDirective' && (node.name === 'solution' || node.name === 'facilitator')) return ''
        if (node.type === 'textDirective') return text.slice(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0)
        if ('children' in node) return shown(node.children as Nodes[], BLOCK_CONTAINERS.has(node.type) ? '\n' : '')
        return 'value' in node && typeof node.value === 'string' ? node.value : ''
      })
      .join(between)

  /** Every speaker note (an HTML comment that is not a directive), solution and facilitator block, at any depth. */
  const privateBlocks: PrivateBlock[] = []
  const collectPrivate = (node: Nodes) => {
    const at = () => {
      const offset = node.position?.start.offset ?? 0
      return { line: fileLine(offset), column: positionOf(offset).column }
    }
    if (node.type === 'html') {
      for (const match of node.value.matchAll(/<!--([\s\S]*?)-->/g)) {
        if (!isDirectiveComment(match[1])) privateBlocks.push({ kind: 'note', text: match[1].trim(), ...at() })
      }
      return
    }
    if (node.type === 'containerDirective' && (node.name === 'solution' || node.name === 'facilitator')) {
      privateBlocks.push({ kind: node.name, text: blockText(node.children as Nodes[]), ...at() })
    }
    if ('children' in node) for (const child of node.children as Nodes[]) collectPrivate(child)
  }

  const data = source.data
  const deckBody = deckMarkdown(tree.children as Nodes[], 0, text.length)
  const directives = readDirectiveComments(tree)
  const headingDivider = { ...data, ...directives.globals }.headingDivider
  const edits: WorkshopEdits = {
    breaksAt: headingDividerBreaks(tree, headingDivider),
    comments: directives.replacements,
  }
  const workshopBody =
    edits.breaksAt.size || edits.comments.size ? deckMarkdown(tree.children as Nodes[], 0, text.length, edits) : deckBody
  const partEdits: WorkshopEdits = { breaksAt: new Set(), comments: directives.partReplacements }
  const partBody = partEdits.comments.size ? deckMarkdown(tree.children as Nodes[], 0, text.length, partEdits) : deckBody
  const slideStarts = slideStartOffsets(tree, edits.breaksAt)
  const slideCount = slideStarts.length
  const exerciseMinutes = exercises.reduce((sum, e) => sum + (e.minutes ?? 0), 0)
  for (const node of tree.children as Nodes[]) collectPrivate(node)
  return {
    id: source.id,
    file: source.file,
    title: data.title ?? firstHeading(tree) ?? source.id,
    duration: data.duration ?? Math.max(5, slideCount * MINUTES_PER_SLIDE + exerciseMinutes),
    durationEstimated: data.duration === undefined,
    objectives: data.objectives ?? [],
    exercises,
    keyIdeasHtml,
    facilitatorHtml,
    deckBody,
    workshopBody,
    partBody,
    headingDivider,
    closeAtEnd: closerAtEnd(tree, text)?.closer,
    commentGlobals: directives.globals,
    commentPageDirectives: [...directives.pageKeys],
    frontMatterText: source.frontMatterText,
    frontMatter: data,
    kitNotes,
    slideLines: slideStarts.map(fileLine),
    privateBlocks,
    shownText: [data.title ?? '', ...(data.objectives ?? []), shown(tree.children as Nodes[])].join('\n'),
  }
}

/**
 * The node types a participant output may show (worksheet exercises, key
 * ideas): an allow-list, so that anything new or unknown stays out.
 */
const PARTICIPANT_NODES = new Set<string>([
  'paragraph',
  'text',
  'emphasis',
  'strong',
  'delete',
  'inlineCode',
  'code',
  'inlineMath',
  'math',
  'list',
  'listItem',
  'table',
  'tableRow',
  'tableCell',
  'link',
  'image',
  'linkReference',
  'imageReference',
  'heading',
  'blockquote',
  'break',
  'thematicBreak',
])

const isDirectiveLabel = (node: Nodes) => node.type === 'paragraph' && Boolean((node.data as { directiveLabel?: boolean } | undefined)?.directiveLabel)
const isAnswer = (node: Nodes) => node.type === 'leafDirective' && node.name === 'answer'
const hasAnswer = (node: Nodes): boolean => isAnswer(node) || ('children' in node && (node.children as Nodes[]).some(hasAnswer))

/** The ::answer directives in a node, in order, not looking into other directives. */
function answersIn(node: Nodes): Nodes[] {
  if (isAnswer(node)) return [node]
  if (node.type === 'containerDirective' || !('children' in node)) return []
  return (node.children as Nodes[]).flatMap(answersIn)
}

/** Container directives of a name at any depth, not inside another exercise. */
function directivesIn(nodes: Nodes[], name: string): ContainerDirective[] {
  return nodes.flatMap((node): ContainerDirective[] => {
    if (node.type === 'containerDirective') return node.name === name ? [node] : node.name === 'exercise' ? [] : directivesIn(node.children as Nodes[], name)
    return 'children' in node ? directivesIn(node.children as Nodes[], name) : []
  })
}

/** The question a list item asks: its own text, without nested lists. */
function questionText(item: Nodes): string | null {
  if (!('children' in item)) return null
  const own = (item.children as Nodes[]).filter((child) => child.type !== 'list')
  const text = own.map(textOf).join(' ').replace(/\s+/g, ' ').trim()
  return text || null
}

/** Plain text of block nodes, a line between blocks. */
function blockText(nodes: Nodes[]): string {
  return nodes
    .map((node) => (BLOCK_CONTAINERS.has(node.type) && 'children' in node ? blockText(node.children as Nodes[]) : textOf(node)))
    .join('\n')
}

const BLOCK_CONTAINERS = new Set(['list', 'listItem', 'blockquote', 'table', 'tableRow', 'containerDirective'])

/** A comment holding Marp directives ("_class: lead"), which is no speaker note. */
function isDirectiveComment(body: string): boolean {
  if (!/^\s*[\w'"-]+\s*:/.test(body) || !DIRECTIVE_NAME.test(body)) return false
  try {
    const value = parseYamlValue(body) as unknown
    if (!value || typeof value !== 'object' || Array.isArray(value)) return false
    return Object.keys(value).every((key) => GLOBAL_DIRECTIVES.has(key.replace(/^_/, '')) || (PAGE_DIRECTIVES as readonly string[]).includes(key.replace(/^_/, '')))
  } catch {
    return false
  }
}

/**
 * Where each slide's content starts: Marp splits at top-level "---" (and at
 * headings under headingDivider). A slide points at its first visible block,
 * the line an author recognises as the slide, else right after its break.
 */
function slideStartOffsets(tree: Root, headingBreaks: Set<number>): number[] {
  const starts: number[] = []
  let pending: number | undefined = 0
  for (const node of tree.children) {
    const start = node.position!.start.offset!
    if (node.type === 'thematicBreak') {
      if (pending !== undefined) starts.push(pending)
      pending = node.position!.end.offset!
      continue
    }
    if (headingBreaks.has(start)) {
      if (pending !== undefined) starts.push(pending)
      pending = undefined
      starts.push(start)
      continue
    }
    if (pending !== undefined && !isHiddenHtml(node)) {
      starts.push(start)
      pending = undefined
    }
  }
  if (pending !== undefined) starts.push(pending)
  return starts
}

function containsKitDirective(node: Nodes): boolean {
  if (node.type === 'containerDirective' || (node.type === 'leafDirective' && node.name === 'answer')) return true
  return 'children' in node && (node.children as Nodes[]).some(containsKitDirective)
}

/** Notes are plain text inside an HTML comment, which may not hold "--". */
function plainNote(markdown: string): string {
  return markdown.replace(/-{2,}/g, '—').replace(/<!--|-->/g, '').trim()
}

function firstHeading(tree: Root): string | undefined {
  const heading = tree.children.find((n) => n.type === 'heading')
  const text = heading ? textOf(heading).trim() : ''
  return text || undefined
}

/**
 * The heading levels Marp's headingDivider splits at: a number n is levels 1
 * to n, a list is those levels (Marpit reads front matter values as text).
 */
export function headingDividerLevels(value: unknown): Set<number> {
  const levels = new Set<number>()
  const level = (v: unknown) => {
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN
    return Number.isInteger(n) && n >= 1 && n <= 6 ? n : undefined
  }
  if (Array.isArray(value)) {
    for (const v of value) {
      const n = level(v)
      if (n !== undefined) levels.add(n)
    }
  } else {
    const n = level(value)
    for (let i = 1; n !== undefined && i <= n; i++) levels.add(i)
  }
  return levels
}

/** Offsets of headings where Marp's headingDivider starts a new slide. */
function headingDividerBreaks(tree: Root, headingDivider: unknown): Set<number> {
  const levels = headingDividerLevels(headingDivider)
  const breaks = new Set<number>()
  // As in Marpit: a heading splits when anything visible came before it in the
  // whole deck, even right after a "---".
  let seenVisible = false
  for (const node of tree.children) {
    if (node.type === 'heading' && levels.has(node.depth) && seenVisible) breaks.add(node.position!.start.offset!)
    if (!isHiddenHtml(node)) seenVisible = true
  }
  return breaks
}

const isHiddenHtml = (node: Nodes) => node.type === 'html' && /^\s*(<!--[\s\S]*-->|<style[\s\S]*<\/style>)\s*$/.test(node.value)

interface WorkshopEdits {
  breaksAt: Set<number>
  /** Comments to rewrite in the workshop deck, by offset. */
  comments: Map<number, string>
}

/** Marp directives that apply to the whole deck. */
const GLOBAL_DIRECTIVES = new Set(['theme', 'style', 'headingDivider', 'size', 'math', 'lang', 'title', 'description', 'author', 'image', 'url', 'marp'])
export const PAGE_DIRECTIVES = [
  'paginate',
  'header',
  'footer',
  'class',
  'backgroundColor',
  'backgroundImage',
  'backgroundPosition',
  'backgroundRepeat',
  'backgroundSize',
  'color',
] as const

const DIRECTIVE_NAME = new RegExp(`(?:${[...GLOBAL_DIRECTIVES, ...PAGE_DIRECTIVES].join('|')})['"]?\\s*:`)

/**
 * Directive comments ("<!-- theme: gaia -->") set globals for the deck they
 * sit in. In the workshop deck they would rule every lesson, so their global
 * keys are taken out there (and kept for the lesson's own deck).
 */
function readDirectiveComments(tree: Root) {
  const globals: Record<string, unknown> = {}
  const pageKeys = new Set<string>()
  const replacements = new Map<number, string>()
  const partReplacements = new Map<number, string>()
  for (const node of tree.children) {
    if (node.type !== 'html') continue
    const match = /^\s*<!--([\s\S]*)-->\s*$/.exec(node.value)
    // Most comments are speaker notes: only one naming a directive needs YAML.
    if (!match || !DIRECTIVE_NAME.test(match[1])) continue
    let value: unknown
    try {
      value = parseYamlValue(match[1])
    } catch {
      continue
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) continue
    const entries = Object.entries(value as Record<string, unknown>)
    for (const [key] of entries) if ((PAGE_DIRECTIVES as readonly string[]).includes(key)) pageKeys.add(key)
    if (!entries.some(([key]) => GLOBAL_DIRECTIVES.has(key))) continue
    for (const [key, v] of entries) if (GLOBAL_DIRECTIVES.has(key)) globals[key] = v
    const kept = entries.filter(([key]) => !GLOBAL_DIRECTIVES.has(key))
    replacements.set(node.position!.start.offset!, kept.map(([k, v]) => `<!-- ${k}: ${JSON.stringify(v)} -->`).join('\n'))
    // A part of the workshop deck is a deck of its own: its headingDivider may stay.
    if (entries.some(([key]) => GLOBAL_DIRECTIVES.has(key) && key !== 'headingDivider')) {
      const keptInPart = entries.filter(([key]) => !GLOBAL_DIRECTIVES.has(key) || key === 'headingDivider')
      partReplacements.set(node.position!.start.offset!, keptInPart.map(([k, v]) => `<!-- ${k}: ${JSON.stringify(v)} -->`).join('\n'))
    }
  }
  return { globals, pageKeys, replacements, partReplacements }
}

