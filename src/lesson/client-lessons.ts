// The one door to a client's lessons: "give me this client's lesson models".
// Behind it, each lesson is compiled once, templated with the client's data
// and turned into a LessonModel.
//
// Behind it too sits the speed-up no other module knows of: value slots
// (template/slots.ts). A lesson is templated with plain client values written
// as slots, so clients of the same profile share one text, parsed and
// analysed once; the client's values then fill the slots. Where a slot could
// read differently from its value, the lesson is templated again with the
// values written out.
import type { LessonAssets } from '../assets/lesson-assets.js'
import { Reporter, type Diagnostic } from '../diagnostics/reporter.js'
import { SlideTrees } from '../markdown/parse.js'
import { lessonContext, type ClientData } from '../project/cascade.js'
import type { LessonSource } from '../project/lesson-source.js'
import { allLessonSources, lessonSourceFor, type ClientEntry, type Project } from '../project/load.js'
import { clientSchema, workshopSchema } from '../project/schema.js'
import { compileTemplate, type CompiledTemplate, type Shape } from '../template/compile.js'
import { builtInHelpers, lessonHelpers } from '../template/helpers.js'
import { foreignMustaches } from '../template/kit-expressions.js'
import { untagLines } from '../template/line-tags.js'
import { fillSlots, slotsAreOnlyValues, slotsOnlyInText, slotsReadAsWords, slotWriter } from '../template/slots.js'
import { buildLessonModel, type LessonModel } from './model.js'

/** Models remembered per language, lesson and templated text; beyond this many, the memory starts again. */
const MAX_REMEMBERED_MODELS = 2000

export class ClientLessons {
  /** By lesson file (a base file or a language version). */
  private readonly templates = new Map<string, CompiledTemplate>()
  /** What compiling each file reported (said again when a later instance keeps the compiled lesson). */
  private readonly compiled = new Map<string, Diagnostic[]>()
  /** Each lesson file's source, to tell a later instance which files are unchanged. */
  private readonly sources = new Map<string, LessonSource>()
  /** The names lessons may use of `client.vars`: a lesson compiled against others is compiled again. */
  private readonly varNames: string
  private readonly trees: SlideTrees
  private readonly slots: boolean | undefined
  private readonly assets: LessonAssets | undefined
  // Lesson models by language, lesson and templated text (slots unfilled). A
  // text with its values written out is only remembered as seen the first
  // time: its model is kept from the second sighting on, so texts no other
  // client shares take no memory. `false`: slots in that text could read
  // differently from their values.
  private readonly models = new Map<string, Map<string, LessonModel | null | false>>()

  /**
   * Compiles every lesson of the project; problems in them go to `reporter`.
   * `slots: false` writes every value out (the long way, which the slots must
   * always equal). `previous` (the dev server's last build) hands over its
   * compiled lessons and models for the lesson files whose source is the same
   * object (a file that did not change).
   * `assets`: puts the kit's copies of the files a lesson names in their
   * place (src/assets).
   */
  constructor(
    private readonly project: Project,
    reporter: Reporter,
    options: { slots?: boolean; previous?: ClientLessons; assets?: LessonAssets } = {},
  ) {
    // Not kept: each instance would hold every earlier one.
    const previous = options.previous
    this.slots = options.slots
    this.assets = options.assets
    this.trees = previous?.trees ?? new SlideTrees()
    // The project's own variables are known by name: "client.vars.prodcut" is caught here, at its place.
    const vars = varsShape(project.workshop.vars)
    const client: Shape = { ...clientShape, vars }
    this.varNames = JSON.stringify(vars)
    // Compiled against the same variables, with the same files named the same way (a changed image has a new name).
    const reusable = previous?.varNames === this.varNames && previous.assets?.signature === this.assets?.signature ? previous : undefined
    // Every lesson file: base files and language versions, by file.
    for (const source of allLessonSources(project)) {
      this.sources.set(source.file, source)
      const kept = reusable?.sources.get(source.file) === source ? reusable.templates.get(source.file) : undefined
      if (kept) {
        this.templates.set(source.file, kept)
        this.compiled.set(source.file, reusable!.compiled.get(source.file) ?? [])
        reporter.addAll(this.compiled.get(source.file)!)
        continue
      }
      const own = new Reporter()
      // The lesson's values are known now: "lesson.title.length" is caught here, not as a crash per client.
      const lessonShape = shapeOfValue(lessonContext(source)) as Shape
      const template = compileTemplate(
        {
          text: source.body,
          file: source.file,
          lineOffset: source.bodyLineOffset,
          // Code, math and every "{{" that is not the kit's stay as written.
          literalRanges: foreignMustaches(source.body, source.literalRanges, kitNames),
          shape: { client, workshop: workshopShape, lesson: lessonShape },
          helpers: lessonHelpers,
          allowRaw: false,
          tagLines: true,
        },
        own,
      )
      this.compiled.set(source.file, own.list())
      reporter.addAll(own.list())
      if (template) this.templates.set(source.file, template)
    }
    // Models of unchanged files (their key starts with the file), where the language's labels are the same.
    for (const [language, models] of reusable?.models ?? []) {
      if (JSON.stringify(reusable!.project.labels.for(language)) !== JSON.stringify(project.labels.for(language))) continue
      const mine = new Map<string, LessonModel | null | false>()
      for (const [key, model] of models) {
        const file = key.slice(0, key.indexOf('\0'))
        if (reusable!.sources.get(file) === this.sources.get(file)) mine.set(key, model)
      }
      this.models.set(language, mine)
    }
  }

  /** The client's lessons, in teaching order; undefined when one of them failed (reported). */
  modelsFor(entry: ClientEntry, reporter: Reporter): LessonModel[] | undefined {
    const lessons: LessonModel[] = []
    // Every lesson is templated, so that one run reports the problems of all.
    for (const id of entry.lessons) {
      const source = lessonSourceFor(this.project, entry, id)
      const template = source && this.templates.get(source.file)
      if (!source || !template) continue
      const context = { client: entry.data, workshop: this.project.workshop, lesson: lessonContext(source) }
      const lesson = this.templated(source, template, context, entry.data, reporter)
      if (lesson) lessons.push(lesson)
    }
    return lessons.length === entry.lessons.length ? lessons : undefined
  }

  private templated(source: LessonSource, template: CompiledTemplate, context: object, client: ClientData, reporter: Reporter): LessonModel | undefined {
    if (this.slots !== false) {
      const values: string[] = []
      const writer = slotWriter(values)
      const slotted = template.render(context, reporter, writer)
      if (slotted === undefined) return undefined
      // No value took a slot: the text is already written out.
      if (!values.length) return this.modelOf(source, slotted, client, false, reporter)
      if (!writer.clashed && slotsAreOnlyValues(slotted, values.length)) {
        const model = this.modelOf(source, slotted, client, true, reporter)
        if (model) return fillSlots(model, values)
      }
    }
    const literal = template.render(context, reporter)
    return literal === undefined ? undefined : this.modelOf(source, literal, client, false, reporter)
  }

  private modelOf(source: LessonSource, tagged: string, client: ClientData, slotted: boolean, reporter: Reporter): LessonModel | undefined {
    let models = this.models.get(client.language)
    if (!models) this.models.set(client.language, (models = new Map()))
    const key = `${source.file}\0${tagged}`
    const known = models.get(key)
    if (known) return known
    if (known === false) return undefined
    const untagged = untagLines(tagged)
    const { sourceLines } = untagged
    const assets = this.assets
    // The files the lesson names become the kit's copies (undefined: a value slot in a path, so not shared).
    const rewritten = assets ? assets.rewriteBody(source, untagged.text, reporter, { sourceLines, trees: this.trees, shared: slotted }) : untagged.text
    const text = rewritten ?? (slotted ? undefined : untagged.text)
    if (assets) source = assets.withFrontMatter(source)
    const labels = this.project.labels.for(client.language)
    const model =
      text === undefined
        ? undefined
        : !slotted
          ? buildLessonModel(source, text, labels, { sourceLines, trees: this.trees })
          : slotsReadAsWords(text)
            ? buildLessonModel(source, text, labels, { sourceLines, trees: this.trees, shared: true, acceptTree: slotsOnlyInText })
            : undefined
    if (models.size >= MAX_REMEMBERED_MODELS) models.clear()
    // Slotted texts are made to be shared: kept at once. Written-out ones from their second sighting.
    models.set(key, model ? (slotted || known === null ? model : null) : false)
    return model
  }
}

/** Names a lesson may use: the client and workshop fields, and its own front matter. */
function shapeOf(schema: { properties?: Record<string, unknown> }): Shape {
  const shape: Shape = {}
  for (const [key, value] of Object.entries(schema.properties ?? {})) {
    const p = value as { properties?: Record<string, unknown>; type?: unknown }
    shape[key] = p.properties ? shapeOf(p) : p.type === 'array' || p.type === 'object' ? 'any' : true
  }
  return shape
}

/** The shape of a known value: a group's fields, a list (any item), or a plain value. */
function shapeOfValue(value: unknown): Shape | true | 'any' {
  if (Array.isArray(value)) return 'any'
  if (!value || typeof value !== 'object') return true
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, shapeOfValue(inner)]))
}
/** A declared variable is a plain value, or a list (whose items #each reads). */
function varsShape(vars: Project['workshop']['vars']): Shape {
  return Object.fromEntries(Object.entries(vars).map(([name, declared]) => [name, declared.type === 'list' ? 'any' : true]))
}

const kitNames = { roots: ['client', 'workshop', 'lesson'], helpers: [...builtInHelpers, ...Object.keys(lessonHelpers)] }

const clientShape: Shape = { ...shapeOf(clientSchema), id: true }
const workshopShape: Shape = { ...shapeOf(workshopSchema), defaults: 'any' }
