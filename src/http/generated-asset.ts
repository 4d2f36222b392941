/**
 * @module Files made ahead of time by `npm run generate` (committed under `docs/`) and copied into
 * the static assets by `scripts/copy-assets.mjs`, which the Worker serves from there rather than
 * carry what makes them in its bundle: `/openapi.json` and the page at `/docs/errors`.
 */
import type { Context } from 'hono'
import { ApiError } from '../errors'

/**
 * The static asset at `path`; 503 `service_not_configured` where a deployment lacks it, naming
 * `what` is missing, rather than a page or document the gateway cannot give.
 */
export async function generatedAsset(c: Context, path: string, what: string): Promise<Response> {
  const env = c.env as { ASSETS?: Fetcher }
  const file = await env.ASSETS?.fetch(new URL(path, c.req.url))
  if (!file?.ok)
    throw new ApiError(
      'service_not_configured',
      `${what} is not deployed: ${path} is missing from the static assets (npm install or npm run generate copies it there).`
    )
  return file
}
