/**
 * @module The page at `/docs/errors`: every error code with its status, what it means and what to
 * do, each under its own anchor, where the `docUrl` of an error answer points. Made from the same
 * catalog as the codes, so it cannot drift from them, but ahead of time: `npm run generate` writes
 * it to docs/errors.html and the Worker serves that copy (`src/http/routes/error-docs.ts`). Nothing
 * the Worker runs imports this module, which keeps the catalog's text out of its bundle.
 */
import { html } from 'hono/html'
import { ERROR_CODES, ERROR_STATUS } from '../errors'
import { ERROR_HELP } from './error-catalog'

/** The catalog's `code spans` as <code>; `html` escapes every part. */
const withCode = (text: string) =>
  text.split('`').map((part, i) => (i % 2 ? html`<code>${part}</code>` : html`${part}`))

export function renderErrorDocs(): string {
  const rows = ERROR_CODES.map(
    (code) => html`<tr id="${code}">
      <td><a href="#${code}"><code>${code}</code></a></td>
      <td>${ERROR_STATUS[code]}</td>
      <td>${withCode(ERROR_HELP[code])}</td>
    </tr>`
  )
  // Nothing in the page is asynchronous, so `html` has made the whole string already.
  return String(html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>GoPay Edge error codes</title>
    <style>
      body { font: 15px/1.5 system-ui, sans-serif; max-width: 960px; margin: 2rem auto; padding: 0 1rem; color: #1d2330; }
      table { border-collapse: collapse; width: 100%; }
      td, th { border-bottom: 1px solid #dde1e8; padding: .5rem; text-align: left; vertical-align: top; }
      tr:target { background: #fff8c5; }
      code { font-size: 13px; }
    </style>
  </head>
  <body>
    <h1>Error codes</h1>
    <p>Every error answer is <code>{"success": false, "error": {"code", "message", "requestId", "docUrl", "details"?}}</code>.
      Codes are stable: match on <code>code</code>, show <code>message</code> to people, and quote
      <code>requestId</code> when you ask for help. The <a href="/docs">API reference</a> lists which answers each route gives.</p>
    <table>
      <thead><tr><th>code</th><th>status</th><th>what it means and what to do</th></tr></thead>
      <tbody>${rows}</tbody>
    </table>
  </body>
</html>`)
}
