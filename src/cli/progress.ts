// A progress line for long builds on a terminal, redrawn in place.
import type { BuildProgress } from '../pipeline/options.js'

/** One line, redrawn in place: clients built, then pages printed. */
export class ProgressBar {
  private shown = false
  private last = 0

  constructor(private readonly stream: NodeJS.WriteStream) {}

  update = (progress: BuildProgress): void => {
    const now = Date.now()
    // Redrawing more often than ten times a second only slows the build.
    if (progress.done < progress.total && now - this.last < 100) return
    this.last = now
    const width = 24
    const filled = Math.round((progress.done / Math.max(1, progress.total)) * width)
    const what = progress.step === 'build' ? 'clients built' : 'pages printed'
    const columns = this.stream.columns || 80
    const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${progress.done}/${progress.total} ${what} · ${progress.current}`
    this.stream.write(`\r\x1b[K${line.slice(0, columns - 1)}`)
    this.shown = true
  }

  clear(): void {
    if (this.shown) this.stream.write('\r\x1b[K')
    this.shown = false
  }
}
