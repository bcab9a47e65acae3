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
export type ExercisePart = { kind: 'text'; html: string } | { kind: 'answer'; lines: number; /** Line in the author's file. */ line: number }

export interface Exercise {
  title: string
  /** The author's line of the `:::exercise` (where the guide shows it: the slide it is on). */
  line: number
  minutes: number | null
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

  const note = (label: string, body: string) => {
    const content = `${label}\n${plainNote(body)}`.trim()
    kitNotes.add(content)
    return `<!--\n${content}\n-->`
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
          const solution = node.children.find((c) => c.type === 'containerDirective' && c.name === 'solution') as
            | ContainerDirective
            | undefined
          const minutes = exercise.minutes ? ` <span class="wk-minutes">${exercise.minutes} min</span>` : ''
          // Text on HTML lines: markdown does not run there, HTML escaping is enough.
          return (
            `<div class="wk-exercise">\n\n<p class="wk-exercise-title">${escapeHtml(labels.exercise)}: ${escapeHtml(exercise.title)}${minutes}</p>\n\n` +
            inner().trim() +
            `\n\n</div>` +
            (solution ? `\n\n${note(`${labels.solution} (${exercise.title}):`, sliceChildren(solution))}` : '')
          )
        }
        case 'solution':
          return ''
        case 'facilitator':
          facilitatorHtml.push(nodesToHtml(node.children as Nodes[]))
          return note(`${labels.facilitator}:`, sliceChildren(node))
        case 'key':
          keyIdeasHtml.push(nodesToHtml(node.children as Nodes[]))
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

  const readExercise = (node: ContainerDirective): Exercise => {
    const parts: ExercisePart[] = []
    let pending: Nodes[] = []
    let solutionHtml: string | null = null
    const flush = () => {
      if (pending.length) parts.push({ kind: 'text', html: nodesToHtml(pending) })
      pending = []
    }
    for (const child of node.children as Nodes[]) {
      if (child.type === 'leafDirective' && child.name === 'answer') {
        flush()
        parts.push({ kind: 'answer', lines: Number(child.attributes?.lines ?? 4) || 4, line: fileLine(child.position!.start.offset!) })
      } else if (child.type === 'containerDirective' && child.name === 'solution') {
        solutionHtml = nodesToHtml(child.children as Nodes[])
      } else if (child.type === 'containerDirective' && child.name === 'facilitator') {
        // Collected by deckFor when the exercise body is turned into slides.
      } else if (!(child.type === 'paragraph' && (child.data as { directiveLabel?: boolean })?.directiveLabel)) {
        pending.push(child)
      }
    }
    flush()
    const minutes = Number(node.attributes?.minutes)
    return {
      title: node.attributes?.title || labels.exercise,
      line: fileLine(node.position!.start.offset!),
      minutes: Number.isFinite(minutes) && minutes > 0 ? minutes : null,
      parts,
      solutionHtml,
    }
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

