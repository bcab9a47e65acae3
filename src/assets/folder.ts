// The folder of a client's kit that holds the files its pages name (kept
// apart, without imports: kit-paths.ts reads it on every build's fast path).
export const ASSETS_FOLDER = 'assets'
