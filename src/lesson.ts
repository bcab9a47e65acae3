// Stage "parse": one templated lesson becomes a LessonModel, the typed
// hand-off every view reads: the Marp body for decks (directives turned into
// slide markup and presenter notes) and the parts the worksheet and the guide
// show (exercises, answer space, solutions, key ideas, facilitator text).
import type { Nodes, Root } from 'mdast'
import type { ContainerDirective } from 'mdast-util-directive'
import { normalizeFences } from './directives.js'
import type { Labels } from './labels.js'
import { nodesToHtml, parseMarkdown, textOf } from './markdown.js'
import type { LessonSource } from './lesson-source.js'
import { escapeText } from './template.js'

/** A piece of an exercise as the worksheet shows it: text, or space to write. */
export type ExercisePart = { kind: 'text'; html: string } | { kind: 'answer'; lines: number }

export interface Exercise {
  title: string
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
  /** The lesson's own front matter text, for its stand-alone deck. */
  frontMatterText: string | undefined
  frontMatter: Record<string, unknown>
  /** Notes the kit added (solutions, facilitator text), told apart from the author's. */
  kitNotes: Set<string>
}

/** Minutes per slide when a lesson gives no duration. */
const MINUTES_PER_SLIDE = 2

export function buildLessonModel(source: LessonSource, templatedBody: string, labels: Labels): LessonModel {
  const text = normalizeFences(templatedBody, source.file, 0).text
  const tree = parseMarkdown(text)
  const exercises: Exercise[] = []
  const keyIdeasHtml: string[] = []
  const facilitatorHtml: string[] = []
  const kitNotes = new Set<string>()

  /** The deck markdown for a range of the text, with the kit's directives replaced. */
  const deckMarkdown = (nodes: Nodes[], from: number, to: number, breaksAt = new Set<number>()): string => {
    let out = ''
    let cursor = from
    for (const node of nodes) {
      const start = node.position?.start.offset
      const end = node.position?.end.offset
      if (start === undefined || end === undefined || start < cursor) continue
      if (breaksAt.has(start)) {
        out += text.slice(cursor, start) + '---\n\n'
        cursor = start
      }
      const replacement = deckFor(node)
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
          return (
            `<div class="wk-exercise">\n\n<p class="wk-exercise-title">${escapeText(labels.exercise)}: ${escapeText(exercise.title)}${minutes}</p>\n\n` +
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
      return `<p class="wk-answer-hint">${escapeText(labels.answerHint)}</p>`
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
        parts.push({ kind: 'answer', lines: Number(child.attributes?.lines ?? 4) || 4 })
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
      minutes: Number.isFinite(minutes) && minutes > 0 ? minutes : null,
      parts,
      solutionHtml,
    }
  }

  const data = source.data
  const deckBody = deckMarkdown(tree.children as Nodes[], 0, text.length)
  const headingBreaks = headingDividerBreaks(tree, data)
  // A second pass only adds breaks; what it collects again is dropped.
  const collected = [exercises.length, keyIdeasHtml.length, facilitatorHtml.length]
  const workshopBody = headingBreaks.size ? deckMarkdown(tree.children as Nodes[], 0, text.length, headingBreaks) : deckBody
  exercises.length = collected[0]
  keyIdeasHtml.length = collected[1]
  facilitatorHtml.length = collected[2]
  const slideCount = countSlides(tree, data)
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
    frontMatterText: source.frontMatterText,
    frontMatter: data,
    kitNotes,
  }
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

/** Offsets of headings where Marp's headingDivider starts a new slide. */
function headingDividerBreaks(tree: Root, data: Record<string, unknown>): Set<number> {
  const divider = typeof data.headingDivider === 'number' ? data.headingDivider : 0
  const breaks = new Set<number>()
  let hasContent = false
  for (const node of tree.children) {
    if (node.type === 'thematicBreak') hasContent = false
    else if (node.type === 'heading' && node.depth <= divider) {
      if (hasContent) breaks.add(node.position!.start.offset!)
      hasContent = true
    } else if (!(node.type === 'html' && node.value.trim().startsWith('<!--'))) hasContent = true
  }
  return breaks
}

/** Slides as Marp counts them: "---" breaks, plus headings when headingDivider is set. */
function countSlides(tree: Root, data: Record<string, unknown>): number {
  const divider = typeof data.headingDivider === 'number' ? data.headingDivider : 0
  let slides = 1
  let hasContent = false
  for (const node of tree.children) {
    if (node.type === 'thematicBreak') {
      slides++
      hasContent = false
    } else if (node.type === 'heading' && node.depth <= divider && hasContent) {
      slides++
    } else if (!(node.type === 'html' && node.value.trim().startsWith('<!--'))) {
      hasContent = true
    }
  }
  return slides
}
