import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Builds of the whole default workshop take a few seconds each.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
})
