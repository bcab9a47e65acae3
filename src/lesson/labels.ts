// The kit's own words on every output, in each client language. Lesson text
// is the author's; these are the headings and labels around it. They live in
// label files, templates/labels/<language>.yml: the kit ships es and en, and
// a project's own templates/labels/ adds a language or overrides single
// labels (project file, then the kit's, as for every template). A client in
// "en-GB" reads en-GB.yml over en.yml; a label no file of its language gives
// is the English one, said once with a warning.
import { readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { closest } from '../diagnostics/did-you-mean.js'
import { Reporter, type Place } from '../diagnostics/reporter.js'
import { canonicalTag, describeTag, lookupChain } from '../project/language.js'
import { packageRoot } from '../project/package-root.js'
import { readText } from '../project/read-text.js'
import { parseYaml } from '../project/yaml-source.js'

/** Every label, in the order the kit's own label files list them. */
export const LABEL_KEYS = [
  'exercise',
  'solution',
  'facilitator',
  'answerHint',
  'agenda',
  'objectives',
  'keyIdeas',
  'exercises',
  'notes',
  'slide',
  'worksheet',
  'guide',
  'deck',
  'lessons',
  'lesson',
  'minutes',
  'estimated',
  'date',
  'venue',
  'trainer',
  'start',
  'end',
  'name',
  'closingTitle',
  'closingText',
  'clients',
  'kitFor',
  'presenterHelp',
  'noSolution',
  // viewer: the deck page's controls, overview and presenter window
  'previousSlide',
  'nextSlide',
  'slideControls',
  'overview',
  'presenterView',
  'nextUp',
  'elapsed',
  'timeOfDay',
  'plannedTime',
  'ahead',
  'behind',
  'onTime',
  'resetTimer',
  'popupBlocked',
  'presenterUnavailable',
  'slidesHelp',
  'closeOverview',
  // Participant outputs
  'slides',
  'forParticipants',
  'forTrainer',
  'deckMarkdown',
  // handout
  'handout',
  // Schedule and worksheet (helper "worksheet")
  'break',
  'answerFor',
  'question',
  // The worksheet's last page: a box per exercise with a canvas attribute
  'canvasTitle',
  'canvasHelp',
] as const

export type LabelKey = (typeof LABEL_KEYS)[number]
export type Labels = Record<LabelKey, string>

/** The language every missing label falls back to. */
const FALLBACK = 'en'

/** One label file, read and checked: the labels it gives. */
interface LabelFile {
  file: string
  labels: Partial<Labels>
}

/** Where a language is asked for (the first client file's `language` line), for the warning when it has no labels. */
export interface LabelRequest {
  language: string
  at: Place
}

/**
 * The label files of the kit and of a project, read and checked once per
 * build, and the labels of each language put together from them.
 */
export class LabelBook {
  /** Label files by canonical language tag: the kit's first, then the project's. */
  private readonly files = new Map<string, LabelFile[]>()
  private readonly resolved = new Map<string, Labels>()

  /**
   * Reads every label file (problems in them go to `reporter`) and puts
   * together the labels of each requested language, warning once about each
   * language or label that falls back to English.
   */
  constructor(root: string, reporter: Reporter, requests: LabelRequest[] = []) {
    const dirs = [path.join(packageRoot, 'templates', 'labels'), path.join(root, 'templates', 'labels')]
    for (const dir of [...new Set(dirs.map((d) => path.resolve(d)))]) {
      if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) continue
      for (const name of readdirSync(dir).filter((n) => /\.ya?ml$/.test(n) && !n.startsWith('.')).sort()) {
        const file = path.join(dir, name)
        const stem = name.replace(/\.ya?ml$/, '')
        const tag = canonicalTag(stem)
        if (!tag) {
          reporter.report('label-file-name', { name }, { file, line: 1, column: 1 })
          continue
        }
        const read = readLabelFile(file, reporter)
        if (read) this.files.set(tag, [...(this.files.get(tag) ?? []), read])
      }
    }
    const done = new Set<string>()
    for (const { language, at } of requests) {
      if (done.has(language)) continue
      done.add(language)
      this.resolve(language, reporter, at)
    }
  }

  /** The labels of a language (a canonical tag); English for any label its files do not give. */
  for(language: string): Labels {
    return this.resolved.get(language) ?? this.resolve(language, new Reporter())
  }

  private resolve(language: string, reporter: Reporter, at: Place = {}): Labels {
    const english = this.files.get(FALLBACK) ?? []
    const chain = lookupChain(language)
    // Least specific first, the kit's file before the project's: each later one wins label by label.
    const layers = [...chain].reverse().flatMap((tag) => this.files.get(tag) ?? [])
    const given: Partial<Labels> = {}
    for (const layer of layers) Object.assign(given, layer.labels)
    const labels = {} as Labels
    for (const layer of english) Object.assign(labels, layer.labels)
    Object.assign(labels, given)
    // A key the kit's English file lacks would be a broken install: the key itself shows, never "undefined".
    for (const key of LABEL_KEYS) labels[key] ??= key

    if (!chain.includes(FALLBACK)) {
      if (!layers.length) {
        reporter.report('labels-language-missing', { language: describeTag(language), file: `templates/labels/${language}.yml` }, at)
      } else {
        const missing = LABEL_KEYS.filter((key) => given[key] === undefined)
        if (missing.length) reporter.report('labels-missing', { language: describeTag(language), labels: missing }, { file: layers[layers.length - 1].file, line: 1, column: 1 })
      }
    }
    this.resolved.set(language, labels)
    return labels
  }
}

/** A label file's labels; problems are reported at their place (an unknown key is a warning, a value that is not text an error). */
function readLabelFile(file: string, reporter: Reporter): LabelFile | undefined {
  const text = readText(file, reporter)
  if (text === undefined) return undefined
  const source = parseYaml(text, file, reporter)
  if (!source) return undefined
  // An empty file gives no labels, and is no mistake.
  if (source.data === null) return { file, labels: {} }
  if (typeof source.data !== 'object' || Array.isArray(source.data)) {
    reporter.report('schema-type', { mapping: 'file' }, { file, ...source.locate([]) })
    return undefined
  }
  const labels: Partial<Labels> = {}
  let ok = true
  for (const [key, value] of Object.entries(source.data as Record<string, unknown>)) {
    if (!(LABEL_KEYS as readonly string[]).includes(key)) {
      reporter.report('unknown-label', { label: key, guess: closest(key, LABEL_KEYS), known: [...LABEL_KEYS] }, { file, ...source.locate([key], 'key') })
    } else if (typeof value !== 'string' && typeof value !== 'number') {
      ok = false
      reporter.report('label-type', { label: key, actual: value === null ? 'nothing' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a mapping' : String(value) }, { file, ...source.locate([key]) })
    } else {
      labels[key as LabelKey] = String(value)
    }
  }
  return ok ? { file, labels } : undefined
}

/** The kit's own labels in a language (no project's files), read afresh: for tools and tests; a build reads them once, in its LabelBook. */
export function labelsFor(language: string): Labels {
  return new LabelBook(packageRoot, new Reporter()).for(canonicalTag(language) ?? FALLBACK)
}
