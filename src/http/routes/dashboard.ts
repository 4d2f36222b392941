/**
 * @module `GET /dashboard`: the operator dashboard. The page is a static shell; its script
 * (`public/dashboard.js` and `public/dashboard/`) signs in through `/v1/auth/login` and reads
 * everything through the public JSON API with the signed-in user's token, for one mode at a time
 * (test or live, never both on one screen). The chart library (uPlot) is copied from npm into
 * `public/vendor/` like Swagger UI, so the page works offline under `wrangler dev`.
 */
import { Hono } from 'hono'
import { html } from 'hono/html'
import type { AppEnv } from '../../env'
import { declareAccess } from '../access'
import { DEFAULT_PAGE_CSP } from '../middleware/security-headers'

declareAccess('GET', '/dashboard', 'public')

export const UPLOT_SCRIPT = '/vendor/uplot/uPlot.iife.min.js'
export const UPLOT_CSS = '/vendor/uplot/uPlot.min.css'

/**
 * Scripts only from this origin and never inline, so API data that ever reached the DOM as markup
 * could not run; inline styles stay allowed because uPlot positions its elements with them.
 */
/** The default page policy, and forms that post only to the gateway. */
export const DASHBOARD_CSP = `${DEFAULT_PAGE_CSP}; form-action 'self'`

const page = html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>GoPay Edge dashboard</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="${UPLOT_CSS}" />
    <link rel="stylesheet" href="/dashboard.css" />
  </head>
  <body>
    <header class="top">
      <h1>GoPay Edge</h1>
      <nav id="nav" hidden>
        <a href="#overview" data-section="overview">Overview</a>
        <a href="#payments" data-section="payments">Payments</a>
        <a href="#webhooks" data-section="webhooks">Webhooks</a>
        <a href="#reports" data-section="reports">Reports</a>
        <a href="#providers" data-section="providers">Providers</a>
        <a href="#keys" data-section="keys">API keys</a>
      </nav>
      <div class="session" id="session" hidden>
        <label>Mode <select id="mode" data-testid="mode">
          <option value="test">test</option>
          <option value="live">live</option>
        </select></label>
        <button type="button" id="signout" data-testid="signout">Sign out</button>
      </div>
    </header>
    <p id="error" class="error" role="alert" hidden></p>

    <main>
      <section id="signin" hidden>
        <h2>Sign in</h2>
        <p class="hint">With the account you use for the API (<code>POST /v1/auth/login</code>).</p>
        <form id="signin-form">
          <label>Username <input id="signin-username" data-testid="signin-username" name="username" autocomplete="username" required /></label>
          <label>Password <input id="signin-password" data-testid="signin-password" name="password" type="password" autocomplete="current-password" required /></label>
          <button type="submit" id="signin-submit" data-testid="signin-submit">Sign in</button>
        </form>
      </section>

      <section id="overview" class="panel" hidden>
        <div class="bar">
          <h2>Overview</h2>
          <label>Range <select id="range" data-testid="range">
            <option value="24h">last 24 hours</option>
            <option value="7d">last 7 days</option>
            <option value="30d">last 30 days</option>
          </select></label>
        </div>
        <div id="overview-figures" class="figures" data-testid="overview-figures"></div>
        <h3>Payments over time</h3>
        <div id="overview-chart" class="chart" data-testid="overview-chart"></div>
        <h3>Providers</h3>
        <table id="overview-providers" data-testid="overview-providers"></table>
      </section>

      <section id="payments" class="panel" hidden>
        <h2>Payments</h2>
        <table id="payments-table" data-testid="payments-table"></table>
        <button type="button" id="payments-more" data-testid="payments-more" hidden>More</button>
        <div id="payment-detail" data-testid="payment-detail" hidden></div>
      </section>

      <section id="webhooks" class="panel" hidden>
        <h2>Webhook endpoints</h2>
        <table id="endpoints-table" data-testid="endpoints-table"></table>
        <h2>Recent deliveries</h2>
        <p id="resend-result" class="hint" data-testid="resend-result" role="status"></p>
        <table id="deliveries-table" data-testid="deliveries-table"></table>
        <button type="button" id="deliveries-more" data-testid="deliveries-more" hidden>More</button>
      </section>

      <section id="reports" class="panel" hidden>
        <h2>Reports</h2>
        <p class="hint">Sales, refunds, chargebacks, net and tax per period of your time zone, for
          this mode only (<code>GET /v1/reports</code>).</p>
        <form id="reports-form" class="inline">
          <label>Period <select id="reports-period" data-testid="reports-period">
            <option value="daily">daily</option>
            <option value="weekly">weekly</option>
            <option value="monthly" selected>monthly</option>
          </select></label>
          <label>From <input id="reports-from" data-testid="reports-from" type="date" required /></label>
          <label>To <input id="reports-to" data-testid="reports-to" type="date" required /></label>
          <label>Time zone <input id="reports-timezone" data-testid="reports-timezone" maxlength="64" required placeholder="Europe/Istanbul" /></label>
          <button type="submit" id="reports-show" data-testid="reports-show">Show</button>
          <button type="button" id="reports-csv" data-testid="reports-csv">Download CSV</button>
        </form>
        <p id="reports-summary" class="hint" data-testid="reports-summary" role="status"></p>
        <h3>Sales</h3>
        <table id="reports-table" data-testid="reports-table"></table>
        <h3>Tax</h3>
        <table id="reports-tax-table" data-testid="reports-tax-table"></table>
      </section>

      <section id="providers" class="panel" hidden>
        <h2>Providers</h2>
        <p class="hint">Credentials are shown masked, as the API returns them. Change them with
          <code>POST /v1/config/tenant</code>.</p>
        <table id="providers-table" data-testid="providers-table"></table>
      </section>

      <section id="keys" class="panel" hidden>
        <h2>API keys</h2>
        <form id="create-key-form" class="inline">
          <label>Name <input id="new-key-name" data-testid="new-key-name" maxlength="100" required placeholder="checkout server" /></label>
          <button type="submit" id="create-key" data-testid="create-key">Create key</button>
        </form>
        <div id="new-key" class="notice" data-testid="new-key" hidden>
          <p>Copy this key now: it is shown once and cannot be shown again.</p>
          <code id="new-key-secret" data-testid="new-key-secret"></code>
          <button type="button" id="copy-key" data-testid="copy-key">Copy</button>
        </div>
        <table id="api-keys-table" data-testid="api-keys-table"></table>
      </section>
    </main>
    <script src="${UPLOT_SCRIPT}"></script>
    <script type="module" src="/dashboard.js"></script>
  </body>
</html>`

export const dashboardRoutes = new Hono<AppEnv>().get('/dashboard', (c) => {
  c.header('Content-Security-Policy', DASHBOARD_CSP)
  c.header('X-Content-Type-Options', 'nosniff')
  c.header('Referrer-Policy', 'no-referrer')
  return c.html(page)
})
