import { configDefaults, defineConfig } from 'vitest/config'

// Two projects:
// - "fast" (npm test): everything under tests/ except tests/slow/. No Chromium,
//   and the default workshop is built (HTML only) once.
// - "slow" (in npm run test:full, which runs both): tests/slow/, the cases that
//   need a real Chromium (browser, PDFs, print checks), worker threads, shards
//   and rebuilds of the whole default workshop, and the bad-input matrix through
//   the real command line. .ci/run runs the full suite.
// `npx vitest run tests/slow/print.test.ts` runs one file of either project.
export default defineConfig({
  test: {
    // Builds of the whole default workshop take a few seconds each.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'fast',
          include: ['tests/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'tests/slow/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'slow',
          include: ['tests/slow/**/*.test.ts'],
        },
      },
    ],
  },
})
