/**
 * `node scripts/generate-clients.ts [--check]`: from the committed OpenAPI document
 * (docs/openapi.json, itself written by `npm run generate`), writes the typed client's types
 * (clients/typescript/schema.d.ts, openapi-typescript) and the Postman collection
 * (clients/postman/). `--check` writes nothing and exits 1 naming each file that differs from what
 * it would write; `npm test` runs it so a stale client fails the build.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript'
import { type OpenApiDocument, toPostmanCollection } from './postman-collection.ts'

const ROOT = new URL('../', import.meta.url)
const DOCUMENT = 'docs/openapi.json'
const GENERATED_NOTICE = `Generated from ${DOCUMENT} by \`npm run generate\`: do not edit by hand.`

const document: unknown = JSON.parse(await readFile(new URL(DOCUMENT, ROOT), 'utf8'))

const outputs: Record<string, () => Promise<string>> = {
  'clients/typescript/schema.d.ts': async () => {
    // defaultNonNullable off: a request field with a server-side default (use3D, capture) stays
    // optional for the caller, as the API treats it.
    const ast = await openapiTS(structuredClone(document) as OpenAPI3, {
      defaultNonNullable: false,
      silent: true,
    })
    return `/** ${GENERATED_NOTICE} */\n\n${astToString(ast)}`
  },
  'clients/postman/gopay-edge.postman_collection.json': async () =>
    `${JSON.stringify(toPostmanCollection(document as OpenApiDocument), null, 2)}\n`,
}

const check = process.argv.includes('--check')
const stale: string[] = []
for (const [file, render] of Object.entries(outputs)) {
  const target = new URL(file, ROOT)
  const wanted = await render()
  const current = await readFile(target, 'utf8').catch(() => undefined)
  if (current === wanted) continue
  stale.push(file)
  if (check) continue
  await mkdir(new URL('./', target), { recursive: true })
  await writeFile(target, wanted)
}

if (check && stale.length > 0) {
  console.error(
    `Out of date with ${DOCUMENT}: ${stale.join(', ')}. Run \`npm run generate\` and commit the result.`
  )
  process.exit(1)
}
console.log(stale.length === 0 ? 'Generated clients are up to date.' : `Wrote ${stale.join(', ')}.`)
