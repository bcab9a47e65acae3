// Templating can drop or add lines ({{#if}} blocks, multi-line values), so a
// line of the templated lesson is not the same line of the author's file.
// Before templating, plain lines get an invisible tag with their own line
// number; after templating the tags are read back and removed. Problems found
// later (a slide that overflows) can then point at the author's line.

import { LINE_TAG_CLOSE as CLOSE, LINE_TAG_OPEN as OPEN } from './sentinels.js'

const TAG = new RegExp(`${OPEN}(\\d+)${CLOSE}`, 'g')

/** A line holding only a block tag, "else", a comment or a partial: Handlebars removes such a line whole. */
const STANDALONE = /^\s*\{\{~?\s*(?:[#/^!>]|else\b)[^]*\}\}\s*$/

/**
 * Tags every line with its number, at its end, except where a tag would
 * change what Handlebars makes of the text: a line that starts or ends inside
 * a mustache, a standalone block line (the tag would keep it from being
 * removed, and so add a blank line), and a line whose end is stripped by "~".
 */
export function tagLines(text: string): string {
  const lines = text.split('\n')
  let inMustache = false
  return lines
    .map((line, index) => {
      const startsInside = inMustache
      // Track whether the line ends inside an open "{{ ... }}".
      for (let i = 0; i < line.length - 1; i++) {
        if (!inMustache && line[i] === '{' && line[i + 1] === '{') inMustache = true
        else if (inMustache && line[i] === '}' && line[i + 1] === '}') inMustache = false
      }
      if (startsInside || inMustache) return line
      const cr = line.endsWith('\r') ? '\r' : ''
      const body = cr ? line.slice(0, -1) : line
      if (body.includes('{{')) {
        const standalone = STANDALONE.test(body) && body.split('{{').length === 2
        const stripsAfter = /~\}\}\s*$/.test(body) || /^\s*\{\{~/.test(lines[index + 1] ?? '')
        if (standalone || stripsAfter) return line
      }
      return `${body}${OPEN}${index + 1}${CLOSE}${cr}`
    })
    .join('\n')
}

export interface UntaggedText {
  text: string
  /** For each line of `text` (index 0 = line 1), the line of the tagged source it came from. */
  sourceLines: number[]
}

/** Removes the tags and maps each line back; untagged lines follow the last tagged one. */
export function untagLines(tagged: string): UntaggedText {
  const sourceLines: number[] = []
  let last = 0
  let lastIndex = -1
  const lines = tagged.split('\n').map((line, index) => {
    let found: number | undefined
    const clean = line.replace(TAG, (_, n: string) => {
      found ??= Number(n)
      return ''
    })
    if (found !== undefined) {
      last = found
      lastIndex = index
      sourceLines.push(found)
    } else {
      sourceLines.push(lastIndex < 0 ? index + 1 : last + (index - lastIndex))
    }
    return clean
  })
  return { text: lines.join('\n'), sourceLines }
}
