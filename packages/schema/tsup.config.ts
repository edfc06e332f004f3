import { defineConfig } from 'tsup'

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: true,
  clean: true,
  target: 'node20',
  // The format functions are bundled: loading ajv-formats' CommonJS file from ESM costs ~6 ms
  // of cold start, most of the 10 ms budget. Ajv itself stays external (loaded lazily).
  noExternal: ['ajv-formats'],
  minifyWhitespace: true,
  minifySyntax: true,
})
