// The kit's directives in lessons: ":::exercise", ":::solution",
// ":::facilitator", ":::key" and "::answer". Nesting is read as the author
// means it, and every structural problem is a catalogue diagnostic at the
// author's line and column.
import type { Root } from 'mdast'
import { describe, expect, it } from 'vitest'
import { Reporter } from '../../src/diagnostics/reporter.js'
import { checkDirectives, normalizeFences } from '../../src/markdown/directives.js'
import { parseMarkdown, textOf } from '../../src/markdown/parse.js'
import { readLesson } from '../../src/project/lesson-source.js'

const FILE = '/project/content/lessons/ventas.md'
/** Body lines + OFFSET = file lines (a lesson with front matter). */
const OFFSET = 2

interface Checked {
  normalized: string
  tree: Root
  found: Array<[code: string, severity: string, line: number, column: number, message: string]>
}

/** What readLesson does to a body: pair fences, parse, check. */
function check(body: string): Checked {
  const reporter = new Reporter()
  const normalized = normalizeFences(body, { file: FILE, lineOffset: OFFSET, reporter })
  const tree = parseMarkdown(normalized)
  checkDirectives(tree, FILE, OFFSET, reporter)
  return { normalized, tree, found: reporter.list().map((d) => [d.code, d.severity, d.line, d.column, d.message]) }
}

type Shape = { type: string; name?: string; children?: Shape[] }
/** The directive skeleton of a tree: directives and the other node types around them. */
function skeleton(tree: { children?: unknown[] }): Shape[] {
  return (tree.children as Array<{ type: string; name?: string; children?: unknown[] }>).map((node) => {
    const shape: Shape = { type: node.type }
    if (node.name) shape.name = node.name
    if (node.type === 'containerDirective') shape.children = skeleton(node)
    return shape
  })
}

describe('normalizeFences', () => {
  const exercise = [
    ':::exercise{title="Plan"}', // 1
    'Do it.', // 2
    '', // 3
    '::answer{lines=3}', // 4
    '', // 5
    ':::solution', // 6
    'The solution.', // 7
    ':::', // 8
    ':::', // 9
    '', // 10
    'After the exercise.', // 11
  ].join('\n')

  it('nested :::exercise / :::solution / ::: / ::: is read as a solution inside the exercise', () => {
    const { normalized, tree, found } = check(exercise)
    expect(found).toEqual([])
    // The outer fence is lengthened; every line stays where it was.
    expect(normalized.split('\n')).toEqual(exercise.replace(/^:::exercise/, '::::exercise').replace(/:::\n:::\n/, ':::\n::::\n').split('\n'))
    expect(normalized.split('\n')).toHaveLength(11)
    expect(skeleton(tree)).toEqual([
      {
        type: 'containerDirective',
        name: 'exercise',
        children: [{ type: 'paragraph' }, { type: 'leafDirective', name: 'answer' }, { type: 'containerDirective', name: 'solution', children: [{ type: 'paragraph' }] }],
      },
      { type: 'paragraph' },
    ])
  })

  it('without normalizing, remark-directive would close the exercise at the solution\'s fence', () => {
    const tree = parseMarkdown(exercise)
    // The solution's ":::" closes both blocks, and the exercise's own ":::" is left over as text.
    expect(skeleton(tree).map((n) => n.type)).toEqual(['containerDirective', 'paragraph', 'paragraph'])
    expect(textOf(tree.children[1])).toBe(':::')
  })

  it('lengthens each outer fence by the depth of the blocks inside it', () => {
    const text = ':::exercise\n:::facilitator\n:::solution\nx\n:::\n:::\n:::'
    expect(normalizeFences(text)).toBe('=====exercise\n====facilitator\n:::solution\nx\n:::\n====\n====='.replace(/=/g, ':'))
  })

  it('keeps indentation and trailing attributes, and leaves already longer fences to pair by length', () => {
    expect(normalizeFences('  :::key{title="A"}\n  x\n  :::')).toBe('  :::key{title="A"}\n  x\n  :::')
    const long = '::::exercise\n:::solution\nx\n:::\n::::'
    expect(normalizeFences(long)).toBe(long)
    expect(check(long).found).toEqual([])
  })

  it('ignores ":::" lines inside fenced code', () => {
    const text = '```md\n:::key\n:::\n:::\n```\n\n~~~\n:::\n~~~\n:::key\nx\n:::'
    const { normalized, found } = check(text)
    expect(normalized).toBe(text)
    expect(found).toEqual([])
  })
})

describe('structural problems', () => {
  it('an unclosed block is reported where it opens', () => {
    expect(check('Intro\n\n  :::key\nnever closed').found).toEqual([
      ['unclosed-directive', 'error', 3 + OFFSET, 3, '":::key" is never closed'],
    ])
  })

  it('a block left open inside a closed one is reported, and so is the outer one when it stays open', () => {
    expect(check(':::key\nx\n\n:::exercise\ny').found).toEqual([
      ['unclosed-directive', 'error', 1 + OFFSET, 1, '":::key" is never closed'],
      ['misplaced-directive', 'error', 4 + OFFSET, 1, '":::exercise" cannot sit inside ":::key"'],
      ['unclosed-directive', 'error', 4 + OFFSET, 1, '":::exercise" is never closed'],
    ])
  })

  it('a stray ":::" is a warning at its line and column', () => {
    expect(check('Text\n\n:::\n\nMore\n\n   ::::').found).toEqual([
      ['stray-directive-closer', 'warning', 3 + OFFSET, 1, '":::" closes no open directive block'],
      ['stray-directive-closer', 'warning', 7 + OFFSET, 4, '"::::" closes no open directive block'],
    ])
  })

  it('a closer shorter than the open fence closes nothing', () => {
    expect(check('::::key\nx\n:::').found).toEqual([
      ['unclosed-directive', 'error', 1 + OFFSET, 1, '":::key" is never closed'],
      ['stray-directive-closer', 'warning', 3 + OFFSET, 1, '":::" closes no open directive block'],
    ])
  })

  it('the diagnostics carry the catalogue\'s hints', () => {
    const reporter = new Reporter()
    normalizeFences(':::key\n\n:::\n:::', { file: FILE, lineOffset: 0, reporter })
    normalizeFences(':::exercise', { file: FILE, lineOffset: 0, reporter })
    expect(reporter.list().map((d) => [d.code, d.hint])).toEqual([
      ['unclosed-directive', 'Close the block with a line holding only ":::" (one per open block).'],
      ['stray-directive-closer', 'Remove the extra ":::" line, or open a block such as ":::key" before it.'],
    ])
  })

  it('a directive across a slide break is reported at the "---"', () => {
    expect(check('# Slide\n\n:::key\nOne\n\n---\n\nTwo\n:::').found).toEqual([
      ['directive-across-slides', 'error', 6 + OFFSET, 1, '":::key" spans a slide break ("---")'],
    ])
  })
})

describe('names and attributes', () => {
  it('::answer{lines=99} is out of range', () => {
    expect(check(':::exercise\nQ\n\n::answer{lines=99}\n:::').found).toEqual([
      ['bad-directive-attribute', 'error', 4 + OFFSET, 1, 'lines="99" on "answer" must be a whole number from 1 to 40'],
    ])
  })

  it('attributes a directive does not take, and minutes out of range', () => {
    expect(check(':::exercise{minutes=0 colour=red}\n::answer{lines=abc rows=2}\n:::').found).toEqual([
      ['bad-directive-attribute', 'error', 1 + OFFSET, 1, '"exercise" has no attribute "colour" (it takes: title, minutes, canvas)'],
      ['bad-directive-attribute', 'error', 1 + OFFSET, 1, 'minutes="0" on "exercise" must be a whole number from 1 to 600'],
      ['bad-directive-attribute', 'error', 2 + OFFSET, 1, '"answer" has no attribute "rows" (it takes: lines)'],
      ['bad-directive-attribute', 'error', 2 + OFFSET, 1, 'lines="abc" on "answer" must be a whole number from 1 to 40'],
    ])
    expect(check(':::exercise\n:::solution{title="x"}\ns\n:::\n:::').found).toEqual([
      ['bad-directive-attribute', 'error', 2 + OFFSET, 1, '"solution" has no attribute "title" (it takes none)'],
    ])
  })

  it('accepted attributes pass', () => {
    expect(check(':::exercise{title="Plan" minutes=600}\n::answer{lines=1}\n::answer{lines=40}\n:::\n\n:::key{title="Idea"}\nk\n:::').found).toEqual([])
  })

  it(':::answer written as a container says it is written ::answer', () => {
    expect(check(':::exercise\n:::answer\nx\n:::\n:::').found).toEqual([
      ['unknown-directive', 'warning', 2 + OFFSET, 1, '"answer" is written "::answer" (two colons, no closing ":::")'],
    ])
  })

  it('::exercise written as a leaf says it is a block', () => {
    expect(check('::exercise').found).toEqual([
      ['unknown-directive', 'warning', 1 + OFFSET, 1, '"exercise" is a block: write ":::exercise" and close it with ":::"'],
    ])
  })

  it('an unknown directive lists the known ones', () => {
    expect(check('Text\n\n:::weird\nx\n:::').found).toEqual([
      ['unknown-directive', 'warning', 3 + OFFSET, 1, 'unknown directive ":::weird" (known: exercise, solution, facilitator, key, answer)'],
    ])
  })

  it('text directives such as :smile: are not the kit\'s business', () => {
    expect(check('Hola :smile: y :+1:').found).toEqual([])
  })
})

describe('placement', () => {
  it('::answer and :::solution belong inside :::exercise', () => {
    expect(check('::answer\n\n:::solution\nx\n:::').found).toEqual([
      ['misplaced-directive', 'error', 1 + OFFSET, 1, '"answer" belongs inside ":::exercise"'],
      ['misplaced-directive', 'error', 3 + OFFSET, 1, '"solution" belongs inside ":::exercise"'],
    ])
  })

  it(':::exercise and :::key only at the top level; :::facilitator not inside a solution or facilitator', () => {
    expect(check(':::exercise\n:::key\nx\n:::\n:::').found).toEqual([
      ['misplaced-directive', 'error', 2 + OFFSET, 1, '":::key" cannot sit inside ":::exercise"'],
    ])
    expect(check(':::exercise\n:::solution\n:::facilitator\nx\n:::\n:::\n:::').found).toEqual([
      ['misplaced-directive', 'error', 3 + OFFSET, 1, '":::facilitator" cannot sit inside ":::solution"'],
    ])
    expect(check(':::exercise\n:::facilitator\nx\n:::\n:::').found).toEqual([])
  })
})

describe('readLesson reports directive problems at file positions', () => {
  it('adds the front matter\'s lines', () => {
    const reporter = new Reporter()
    const text = '---\ntitle: Ventas\nduration: 20\n---\n# Ventas\n\n:::exercise\n::answer{lines=99}\n\n:::\n:::\n'
    const lesson = readLesson('ventas', FILE, text, reporter)!
    expect(lesson.bodyLineOffset).toBe(4)
    expect(reporter.list().map((d) => [d.code, d.file, d.line, d.column])).toEqual([
      ['bad-directive-attribute', FILE, 8, 1],
      ['stray-directive-closer', FILE, 11, 1],
    ])
  })
})
