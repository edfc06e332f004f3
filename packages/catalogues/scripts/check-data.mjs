// Quick authoring check: validates data/*.json (or the files given) against the catalogue schema.
// Usage: node packages/catalogues/scripts/check-data.mjs [file ...]
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Ajv2020 from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'

const here = dirname(fileURLToPath(import.meta.url))
const schemasDir = join(here, '../../../schemas')
const ajv = new Ajv2020({
  allErrors: true,
  strict: true,
  strictRequired: false,
  allowUnionTypes: true,
  discriminator: true,
})
addFormats(ajv)
ajv.addKeyword({ keyword: 'gkSum', schemaType: ['object', 'array'] })
ajv.addKeyword({ keyword: 'gkOrder', schemaType: ['object', 'array'] })
for (const f of readdirSync(schemasDir).filter((f) => f.endsWith('.schema.json'))) {
  ajv.addSchema(JSON.parse(readFileSync(join(schemasDir, f), 'utf8')))
}
const validate = ajv.getSchema('https://gongkai.dev/schemas/catalogue.schema.json')
const vocab = (n) =>
  new Set(
    JSON.parse(readFileSync(join(schemasDir, 'vocabularies', `${n}.json`), 'utf8')).items.map(
      (i) => i.code
    )
  )
const dataDir = join(here, '../data')
const files = process.argv.slice(2).length
  ? process.argv.slice(2)
  : readdirSync(dataDir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => join(dataDir, f))
let bad = 0
for (const file of files) {
  const cat = JSON.parse(readFileSync(file, 'utf8'))
  const problems = []
  if (!validate(cat))
    for (const e of validate.errors)
      problems.push(`${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`)
  const ids = new Set()
  const l1 = new Set()
  let l2 = 0
  for (const [i, e] of (cat.entries ?? []).entries()) {
    if (ids.has(e.id)) problems.push(`/entries/${i}/id duplicate ${e.id}`)
    ids.add(e.id)
    l1.add(e.item?.level1)
    if (e.item?.level2) l2++
    if (e.recordSchema) {
      try {
        ajv.compile(e.recordSchema)
      } catch (err) {
        problems.push(`/entries/${i}/recordSchema does not compile: ${err.message}`)
      }
    }
    if (e.source?.docNo && !e.source.url && e.source.status !== 'N' && e.source.status !== 'SH')
      problems.push(`/entries/${i}/source has a docNo without url and is not N/SH`)
  }
  if (problems.length) bad++
  const status = problems.length ? 'FAIL' : 'ok  '
  const name = file.split('/').pop()
  console.log(`${status} ${name}: ${cat.entries?.length} entries, ${l1.size} 一级, ${l2} 二级`)
  for (const p of problems.slice(0, 30)) console.log('   ', p)
}
process.exit(bad ? 1 : 0)
