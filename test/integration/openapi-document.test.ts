/**
 * docs/openapi.json is the document the route definitions make, with the real OpenAPI generator
 * (`@hono/zod-openapi`). This file runs in the `document` test project, the only one without the
 * runtime alias (vitest.config.ts); the Worker serves the committed copy (src/http/openapi-runtime.ts).
 */
import { exports } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'

/**
 * The document names the origin it was fetched from as its server; the committed copy names the
 * one `npm run dev` listens on, whatever machine or test host wrote it.
 */
const COMMITTED_SERVER_URL = 'http://127.0.0.1:8787'

// `npm run generate` runs this test alone with --update, by this name.
describe('docs/openapi.json', () => {
  it('is the document the route definitions make', async () => {
    const res = await exports.default.fetch(`${COMMITTED_SERVER_URL}/openapi.json`)
    expect(res.status).toBe(200)
    const served: Record<string, unknown> = await res.json()
    const committed = { ...served, servers: [{ url: COMMITTED_SERVER_URL }] }
    await expect(`${JSON.stringify(committed, null, 2)}\n`).toMatchFileSnapshot(
      '../../docs/openapi.json',
      'stale: run `npm run generate` after changing routes'
    )
  })
})
