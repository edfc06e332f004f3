import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    // Tests here serve over real sockets and publish real files; on a shared CI machine under
    // load vitest's 5 s default cut tests that pass alone. A hang still fails, a minute later.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
