/**
 * @module `GET /docs`: the API reference, Swagger UI rendering `/openapi.json` with every field,
 * parameter, header and example. Swagger UI and the page's script are static assets the Worker
 * serves from `public/` (`wrangler.toml` `[assets]`), so the page works offline under
 * `wrangler dev` and costs the Worker's bundle nothing.
 */
import { Hono } from 'hono'
import { html } from 'hono/html'
import type { AppEnv } from '../../env'
import { ERROR_DOCS_PATH } from '../../errors'
import { declareAccess } from '../access'

declareAccess('GET', '/docs', 'public')

export const SWAGGER_UI_BUNDLE = '/vendor/swagger-ui/swagger-ui-bundle.js'
export const SWAGGER_UI_CSS = '/vendor/swagger-ui/swagger-ui.css'

export const docsRoutes = new Hono<AppEnv>().get('/docs', (c) =>
  c.html(html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>GoPay Edge API reference</title>
    <link rel="stylesheet" href="${SWAGGER_UI_CSS}" />
    <style>
      body { margin: 0; font: 15px/1.5 system-ui, sans-serif; }
      .intro { max-width: 1460px; margin: 1.5rem auto 0; padding: 0 20px; color: #3b4151; }
    </style>
  </head>
  <body>
    <p class="intro">Authenticate with <code>Authorization: Bearer &lt;access token or API key&gt;</code>
      (the <em>Authorize</em> button); each operation's <code>x-access</code> says who may call it. Every error
      code is explained at <a href="${ERROR_DOCS_PATH}">${ERROR_DOCS_PATH}</a>; the raw description is
      <a href="/openapi.json">/openapi.json</a>.</p>
    <div id="reference"></div>
    <script src="${SWAGGER_UI_BUNDLE}"></script>
    <script src="/docs.js"></script>
  </body>
</html>`)
)
