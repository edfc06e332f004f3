import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    // Most tests run the built binary in child processes, as a user would: each call starts Node and
    // loads the CLI (about 0.3 s on an idle machine, several seconds when the two cores are shared
    // with other builds), and a test makes up to a dozen calls. vitest's 5 s default is for unit tests.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
})
