// Images embedded in pages as data: URIs, so every output stands alone.
import { readFileSync } from 'node:fs'
import path from 'node:path'

/** Media types of the images the kit embeds, by file extension. */
export const IMAGE_TYPES: Record<string, string> = {
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
}

/** The file as a data: URI (the types a logo may have). */
export function dataUri(file: string): string {
  return `data:${IMAGE_TYPES[path.extname(file).toLowerCase()]};base64,${readFileSync(file).toString('base64')}`
}
