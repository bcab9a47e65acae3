// What every stage that makes files hands on: a path in the output folder and its bytes.

export interface OutputFile {
  /** Path under the output folder, with "/" separators. */
  path: string
  content: string | Uint8Array
}
