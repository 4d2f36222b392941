/**
 * @module `GET /demo`: a shop page for a first-time user of `npm run dev`. It pays with a test API
 * key through the public API (the sandbox, or any provider the tenant configured, e.g. against
 * the simulators of `npm run dev:providers`), sends the browser through 3-D Secure or the
 * provider's page, and on the way back shows the signed redirect, the payment as the API reports
 * it, and the webhook deliveries that followed. The script is a static asset (`public/demo.js`).
 */
import { Hono } from 'hono'
import { html } from 'hono/html'
import type { AppEnv } from '../../env'
import { declareAccess } from '../access'

declareAccess('GET', '/demo', 'public')

export const demoRoutes = new Hono<AppEnv>().get('/demo', (c) =>
  c.html(html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>GoPay Edge demo shop</title>
    <style>
      body { font: 15px/1.5 system-ui, sans-serif; max-width: 760px; margin: 2rem auto; padding: 0 1rem; color: #1d2330; }
      section { border: 1px solid #dde1e8; border-radius: 8px; padding: .8rem 1rem; margin: 1rem 0; }
      label { display: block; margin: .4rem 0; }
      input, select { font: inherit; padding: .3rem; min-width: 22rem; }
      button { font: inherit; padding: .4rem 1rem; cursor: pointer; }
      pre { background: #f6f8fa; padding: .8rem; overflow: auto; font-size: 13px; white-space: pre-wrap; }
      .hint { color: #57606a; font-size: 14px; }
    </style>
  </head>
  <body>
    <h1>Demo shop</h1>
    <p class="hint">A checkout against this gateway's public API, as your shop would build it. Get a test
      API key with <code>eval "$(npm run --silent seed)"; echo $API_KEY</code>.</p>
    <section id="setup">
      <label>Test API key, or an access token <input id="key" autocomplete="off" placeholder="gpk_test_… or eyJ…" /></label>
      <p class="hint">With an access token (<code>$TOKEN</code>) the providers your tenant configured are offered too, e.g.
        those of <code>npm run dev:providers</code> (<code>npm run seed</code> configures them when their simulators are up).</p>
      <label>Provider <select id="provider"><option value="sandbox">sandbox (built in)</option></select></label>
      <label id="card-choice">Card (sandbox) <select id="card">
        <option value="4000000000003220">4000 0000 0000 3220: 3-D Secure</option>
        <option value="4242424242424242">4242 4242 4242 4242: succeeds</option>
        <option value="4000000000000002">4000 0000 0000 0002: declined</option>
      </select></label>
      <p class="hint" id="checkout-hint"></p>
      <button id="pay">Pay 100.50 TRY</button>
    </section>
    <section id="result" hidden><h2 id="headline"></h2><div id="steps"></div></section>
    <script src="/demo.js"></script>
  </body>
</html>`)
)
