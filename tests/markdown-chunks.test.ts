// The kit parses markdown slide by slide and reuses each slide's tree across
// clients. Whatever the text, the tree must be the one remark gives for the
// whole text at once: same nodes, same positions.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import remarkDirective from 'remark-directive'
import remarkGfm from 'remark-gfm'
import remarkMath from 'remark-math'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { describe, expect, it } from 'vitest'
import { parseMarkdown, SlideTrees } from '../src/markdown/parse.js'
import { repoRoot } from './helpers/project.js'

const wholeText = unified().use(remarkParse).use(remarkGfm).use(remarkMath).use(remarkDirective)
const reference = (text: string) => JSON.parse(JSON.stringify(wholeText.parse(text)))
// One build's slide cache for the whole file: slides are parsed once and reused, as in a build.
const trees = new SlideTrees()
const chunked = (text: string) => JSON.parse(JSON.stringify(parseMarkdown(text, trees)))

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name)
    if (statSync(file).isDirectory()) return markdownFiles(file)
    return name.endsWith('.md') ? [file] : []
  })
}

const tricky: Record<string, string> = {
  'break inside a fenced code block': '# A\n\n```md\nbefore\n\n---\n\nafter\n```\n\n---\n\n# B\n',
  'break inside a tilde fence left open': '# A\n\n~~~\ncode\n\n---\n\n# still code\n',
  'break inside an HTML comment': '# A\n\n<!--\nnote\n\n---\n\nmore note\n-->\n\n---\n\n# B\n',
  'break inside a kit directive': ':::facilitator\ntext\n\n---\n\nmore\n:::\n\n---\n\n# B\n',
  'break inside display math': '$$\nx\n\n---\n\ny\n$$\n\n---\n\nz\n',
  'setext heading, not a break': 'Title\n---\n\ntext\n\n---\n\nnext\n',
  'break right after a list': '- a\n- b\n\n---\n\n- c\n\n---\n\n1. d\n',
  'break inside a block quote': '> quote\n>\n> ---\n\n---\n\n> other\n',
  'link reference defined on another slide': '[site]: https://example.com\n\n---\n\nSee [site].\n',
  'footnote defined on another slide': 'Text[^1].\n\n---\n\n[^1]: The note.\n',
  'Windows line endings': '# A\r\n\r\n---\r\n\r\n# B\r\n\r\n---\r\n\r\ntext\r\n',
  'break at the very end': '# A\n\n---\n',
  'break followed by spaces only': '# A\n\n---  \n   \n# B\n',
  'indented break': '# A\n\n   ---\n\n# B\n',
  'many identical slides': Array.from({ length: 6 }, () => '## Same\n\ntext with *emphasis*\n').join('\n---\n\n'),
}

describe('markdown parsed slide by slide', () => {
  for (const [name, text] of Object.entries(tricky)) {
    it(`gives the whole-text tree: ${name}`, () => {
      // Twice: the second parse reuses the slides' trees.
      const expected = reference(text)
      expect(chunked(text)).toEqual(expected)
      expect(chunked(text)).toEqual(expected)
    })
  }

  it('gives the whole-text tree for every lesson, fixture and corpus deck', () => {
    const files = [
      ...markdownFiles(path.join(repoRoot, 'content')),
      ...markdownFiles(path.join(repoRoot, 'tests', 'fixtures')),
    ]
    expect(files.length).toBeGreaterThan(20)
    for (const file of files) {
      const text = readFileSync(file, 'utf8')
      const expected = reference(text)
      expect(chunked(text), file).toEqual(expected)
      expect(chunked(text), file).toEqual(expected)
    }
  })

  it('hands out trees that later changes to one parse cannot reach', () => {
    const text = '# One\n\n---\n\n# Two\n'
    const cache = new SlideTrees()
    const first = parseMarkdown(text, cache)
    parseMarkdown(text, cache)
    const mutated = parseMarkdown(text, cache)
    ;(mutated.children[0] as { depth: number }).depth = 6
    mutated.children.push({ type: 'thematicBreak' })
    expect(JSON.parse(JSON.stringify(parseMarkdown(text, cache)))).toEqual(JSON.parse(JSON.stringify(first)))
  })
})
