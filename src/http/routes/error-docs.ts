/**
 * @module `GET /docs/errors`: every error code with its status, what it means and what to do,
 * each under its own anchor, where the `docUrl` of an error answer points. The page is made from
 * the catalog ahead of time (`src/http/error-docs-page.ts`, `npm run generate`) and served from
 * the static assets, so the catalog's text costs the Worker's bundle nothing.
 */
import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { ERROR_DOCS_PATH } from '../../errors'
import { declareAccess } from '../access'
import { generatedAsset } from '../generated-asset'

declareAccess('GET', ERROR_DOCS_PATH, 'public')

/**
 * Where `scripts/copy-assets.mjs` puts `docs/errors.html`, without the extension: the assets
 * answer `/vendor/errors.html` with a redirect to this path (their `html_handling` default).
 */
export const ERROR_DOCS_ASSET = '/vendor/errors'

export const errorDocsRoutes = new Hono<AppEnv>().get(ERROR_DOCS_PATH, async (c) => {
  const page = await generatedAsset(c, ERROR_DOCS_ASSET, 'The error code reference')
  // Read whole (14 kB), not passed on as a stream: the assets' stream belongs to this request, and
  // a clone of the answer read after it ended (the canary tests keep one) would wait forever.
  return c.html(await page.text())
})
