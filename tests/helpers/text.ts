// Reading outputs as a user sees them: text without tags, entities decoded.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { decodeHTML } from 'entities'

export function visibleText(html: string): string {
  return decodeHTML(
    html
      .replace(/<script[\s\S]*?<\/script>/g, ' ')
      .replace(/<style[\s\S]*?<\/style>/g, ' ')
      .replace(/<!--[\s\S]*?-->/g, ' ')
      .replace(/<[^>]+>/g, ' '),
  )
    .replace(/\s+/g, ' ')
    .trim()
}

/**
 * Sentences a participant must never see: solutions, facilitator blocks and
 * speaker notes, taken from the lesson sources (lines without templating).
 */
export function hiddenSentences(lessonsDir: string): Map<string, string[]> {
  const byLesson = new Map<string, string[]>()
  for (const name of readdirSync(lessonsDir).filter((f) => f.endsWith('.md'))) {
    const text = readFileSync(path.join(lessonsDir, name), 'utf8')
    const hidden: string[] = []
    const blocks = [
      ...text.matchAll(/^:::(?:solution|facilitator)\s*\n([\s\S]*?)^:::\s*$/gm),
      ...text.matchAll(/<!--([\s\S]*?)-->/g),
    ]
    for (const block of blocks) {
      for (const line of block[1].split('\n')) {
        // Text between a line's Handlebars tags (a sector's branch) counts on its own.
        for (const piece of line.split(/\{\{[^}]*\}\}/)) {
          const plain = piece
            .replace(/^\s*(?:[-*]|\d+\.)\s+/, '')
            .replace(/\*\*|__|[*_`]/g, '')
            .trim()
          if (plain.length >= 30 && !/^_?\w+:\s/.test(plain)) hidden.push(plain)
        }
      }
    }
    byLesson.set(name.replace(/\.md$/, ''), hidden)
  }
  return byLesson
}
