// Reading an author's text file. Lessons and YAML files must be UTF-8 text:
// a byte that is not (a NUL, a file saved as Latin-1) is an error at its
// line, never a silent U+FFFD on a slide. Line endings become "\n" (as
// markdown-it does before Marp reads a deck), so CRLF and LF files give the
// same slides and the same line numbers.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { Reporter } from '../diagnostics/reporter.js'

const utf8 = new TextDecoder('utf-8', { fatal: true })

/** The file's text, or undefined when it cannot be read or is not UTF-8 text (reported). */
export function readText(file: string, reporter: Reporter): string | undefined {
  let bytes: Buffer
  try {
    bytes = readFileSync(file)
  } catch {
    reporter.report('read-error', { name: path.basename(file) }, { file })
    return undefined
  }
  let text: string
  try {
    text = utf8.decode(bytes)
  } catch {
    const at = firstInvalidByte(bytes)
    reporter.report('not-unicode-text', { byte: bytes[at] }, { file, ...placeOfByte(bytes, at) })
    return undefined
  }
  const nul = text.indexOf('\0')
  if (nul >= 0) {
    reporter.report('nul-byte', {}, { file, ...placeOfByte(bytes, Buffer.byteLength(text.slice(0, nul))) })
    return undefined
  }
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
}

/** Offset of the first byte that does not belong to well-formed UTF-8 (RFC 3629). */
function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0
  while (i < bytes.length) {
    const b = bytes[i]
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0
    if (length === 0) return i
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k]
      const low = k === 1 && b === 0xe0 ? 0xa0 : k === 1 && b === 0xf0 ? 0x90 : 0x80
      const high = k === 1 && b === 0xed ? 0x9f : k === 1 && b === 0xf4 ? 0x8f : 0xbf
      if (c === undefined || c < low || c > high) return i
    }
    i += length
  }
  return bytes.length
}

/** Line and column (in characters) of a byte offset; lines end at "\n", "\r\n" or "\r". */
function placeOfByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a || (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a)) {
      line++
      lineStart = i + 1
    }
  }
  const before = Buffer.from(bytes.subarray(lineStart, offset)).toString('utf8')
  return { line, column: [...before].length + 1 }
}
