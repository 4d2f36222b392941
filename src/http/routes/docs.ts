/**
 * @module `GET /docs`: a readable API reference built in the browser from `/openapi.json`, with no
 * assets from elsewhere, so it works offline under `wrangler dev` as well as in production.
 */
import { Hono } from 'hono'
import { html, raw } from 'hono/html'
import type { AppEnv } from '../../env'
import { declareAccess } from '../access'

declareAccess('GET', '/docs', 'public')

const script = raw(`
const methods = ['get', 'post', 'put', 'delete']
const esc = (s) => String(s ?? '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c])
fetch('/openapi.json').then((r) => r.json()).then((doc) => {
  const byTag = {}
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of methods) {
      const op = item[method]
      if (!op) continue
      const tag = (op.tags && op.tags[0]) || 'Other'
      ;(byTag[tag] ||= []).push({ path, method, op })
    }
  }
  const schemaOf = (content) => content && content['application/json'] && content['application/json'].schema
  const out = Object.entries(byTag).map(([tag, ops]) => '<h2>' + esc(tag) + '</h2>' + ops.map(({ path, method, op }) => {
    const body = op.requestBody && schemaOf(op.requestBody.content)
    const responses = Object.entries(op.responses || {}).map(([code, r]) => '<li><b>' + esc(code) + '</b> ' + esc(r.description) + '</li>').join('')
    return '<details><summary><span class="m ' + method + '">' + method.toUpperCase() + '</span> <code>' + esc(path) + '</code> ' +
      esc(op.summary) + ' <span class="access">' + esc(op['x-access']) + '</span></summary>' +
      (body ? '<h4>Request body</h4><pre>' + esc(JSON.stringify(body, null, 2)) + '</pre>' : '') +
      '<h4>Responses</h4><ul>' + responses + '</ul></details>'
  }).join('')).join('')
  document.getElementById('ops').innerHTML = out
  document.getElementById('schemas').textContent = JSON.stringify(doc.components && doc.components.schemas, null, 2)
})
`)

export const docsRoutes = new Hono<AppEnv>().get('/docs', (c) =>
  c.html(html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>GoPay Edge API reference</title>
    <style>
      body { font: 15px/1.5 system-ui, sans-serif; max-width: 960px; margin: 2rem auto; padding: 0 1rem; color: #1d2330; }
      details { border: 1px solid #dde1e8; border-radius: 8px; margin: .4rem 0; padding: .4rem .8rem; }
      summary { cursor: pointer; }
      .m { display: inline-block; min-width: 4.2rem; font-weight: 600; }
      .get { color: #1a7f37; } .post { color: #0969da; } .put { color: #9a6700; } .delete { color: #cf222e; }
      .access { float: right; color: #6e7781; font-size: 13px; }
      pre { background: #f6f8fa; padding: .8rem; overflow: auto; font-size: 13px; }
    </style>
  </head>
  <body>
    <h1>GoPay Edge API</h1>
    <p>Generated from <a href="/openapi.json">/openapi.json</a>. Authenticate with
      <code>Authorization: Bearer &lt;access token or API key&gt;</code>; the label on each operation says who may call it.</p>
    <div id="ops">Loading…</div>
    <h2>Schemas</h2>
    <pre id="schemas"></pre>
    <script>${script}</script>
  </body>
</html>`)
)
