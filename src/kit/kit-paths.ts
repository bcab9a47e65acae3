// The names the kit gives what it writes: output paths and the ids inside
// pages that a later stage looks for again. Made here, read from here.
import path from 'node:path'
import { ASSETS_FOLDER } from '../assets/folder.js'

/** Paths of a client's kit under the output folder ("/" separators). */
export const kitPaths = {
  folder: (client: string) => client,
  deckMarkdown: (client: string) => `${client}/deck.md`,
  deck: (client: string) => `${client}/deck.html`,
  /** The deck participants get: the same slides, no notes (its PDF is deck.pdf's pages). */
  slides: (client: string) => `${client}/slides.html`,
  lessonDeck: (client: string, lesson: string) => `${client}/lessons/${lesson}.html`,
  worksheet: (client: string) => `${client}/worksheet.html`,
  guide: (client: string) => `${client}/guide.html`,
  /** The participants' slides as thumbnails, 3 or 6 an A4 page (its PDF: handout.pdf). */
  handout: (client: string) => `${client}/handout.html`,
  clientIndex: (client: string) => `${client}/index.html`,
  /** The images and files the client's pages name, as assets/<hash>.<ext> (src/assets). */
  assets: (client: string) => `${client}/${ASSETS_FOLDER}`,
  /** How a page names the client's folder: "" from the folder itself, "../" from lessons/. */
  upToFolder: (client: string, page: string) => path.posix.relative(path.posix.dirname(page), client).replace(/[^/]$/, '$&/'),
  /** The index of every client, at the top of the output folder. */
  projectIndex: 'index.html',
  /** The deck as PowerPoint: with notes for the trainer, without for participants. */
  deckPptx: (client: string) => `${client}/deck.pptx`,
  slidesPptx: (client: string) => `${client}/slides.pptx`,
  /** One picture per slide, slides/001.png... */
  slidePictures: (client: string) => `${client}/slides`,
  /** A slide's picture in that folder, counted from 1: 001.png, 002.png... */
  slidePicture: (folder: string, slide: number) => `${folder}/${String(slide).padStart(3, '0')}.png`,
  /** A page's PDF goes next to it. */
  pdfOf: (page: string) => page.replace(/\.html$/, '.pdf'),
}

/**
 * The pages participants get, which the build proves hold no notes,
 * solutions or facilitator text (kit/leak-check.ts); their PDFs are printed
 * from them. Trainer pages: the deck, the lesson decks, the guide.
 */
export const participantOutputs = (client: string): string[] => [kitPaths.slides(client), kitPaths.worksheet(client), kitPaths.handout(client)]

/** The element id of a slide's place in the handout (its thumbnail and lines), counted from 1. */
export const handoutItemId = (slide: number) => `handout-slide-${slide}`

/** The element id of an exercise's box on the worksheet's plan canvas (lesson, exercise counted from 1). */
export const canvasId = (lesson: string, exercise: number) => `canvas-${lesson}-${exercise}`

/** The element id of an answer box in the worksheet: lesson, exercise and part, counted from 1. */
export const answerId = (lesson: string, exercise: number, part: number) => `answer-${lesson}-${exercise}-${part}`
