/** The operator dashboard's page: a static shell under a strict CSP, its scripts served as assets. */
import { env, exports } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { DASHBOARD_CSP, UPLOT_CSS, UPLOT_SCRIPT } from '../../src/http/routes/dashboard'
import { GATEWAY } from '../helpers/http'

const asset = (path: string) => env.ASSETS.fetch(`http://assets.local${path}`)

async function dashboardPage() {
  const res = await exports.default.fetch(`${GATEWAY}/dashboard`)
  return { res, page: await res.text() }
}

/** The dashboard's own scripts: the entry and every module it imports, transitively. */
async function dashboardScripts() {
  const scripts = new Map<string, string>()
  const pending = ['/dashboard.js']
  while (pending.length > 0) {
    const path = pending.pop()!
    if (scripts.has(path)) continue
    const res = await asset(path)
    expect(res.status, path).toBe(200)
    const text = await res.text()
    scripts.set(path, text)
    for (const [, specifier] of text.matchAll(/^import [^;]*? from '(\.[^']+)'/gm)) {
      pending.push(new URL(specifier!, `http://assets.local${path}`).pathname)
    }
  }
  return scripts
}

describe('the dashboard page', () => {
  it('is served to anyone as HTML with the CSP and the security headers', async () => {
    const { res } = await dashboardPage()
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toContain('text/html')
    expect(res.headers.get('Content-Security-Policy')).toBe(
      "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; " +
        "script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; " +
        "object-src 'none'; form-action 'self'"
    )
    expect(DASHBOARD_CSP).toBe(res.headers.get('Content-Security-Policy'))
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff')
    expect(res.headers.get('Referrer-Policy')).toBe('no-referrer')
  })

  it('refers to its script, its style and uPlot, each served from public/', async () => {
    const { page } = await dashboardPage()
    expect(page).toContain('<script type="module" src="/dashboard.js"></script>')
    expect(page).toContain('<link rel="stylesheet" href="/dashboard.css" />')
    expect(page).toContain(`<script src="${UPLOT_SCRIPT}"></script>`)
    expect(page).toContain(`<link rel="stylesheet" href="${UPLOT_CSS}" />`)
    for (const path of ['/dashboard.css', UPLOT_SCRIPT, UPLOT_CSS, '/vendor/uplot/LICENSE']) {
      expect((await asset(path)).status, path).toBe(200)
    }
  })

  it('has no inline script, inline event handler or javascript: URL', async () => {
    const { page } = await dashboardPage()
    const scripts = [...page.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)]
    expect(scripts).toHaveLength(2)
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\ssrc="\/[^"]+"/)
      expect(body!.trim()).toBe('')
    }
    expect(page).not.toMatch(/\son[a-z]+\s*=/i)
    expect(page).not.toMatch(/javascript:/i)
  })

  it('gives a browser test the ids it drives the page by', async () => {
    const { page } = await dashboardPage()
    for (const id of [
      'signin-username',
      'signin-password',
      'signin-submit',
      'mode',
      'overview-chart',
      'payments-table',
      'deliveries-table',
      'reports-period',
      'reports-from',
      'reports-to',
      'reports-timezone',
      'reports-show',
      'reports-csv',
      'reports-table',
      'reports-tax-table',
      'api-keys-table',
      'create-key',
      'new-key-secret',
    ]) {
      expect(page).toContain(`id="${id}"`)
    }
    expect(page).toMatch(/<option value="monthly" selected>monthly<\/option>/)
    expect(page).toMatch(
      /<select id="mode"[^>]*>\s*<option value="test">test<\/option>\s*<option value="live">live<\/option>/
    )
  })

  it('has a section for every entry of its navigation', async () => {
    const { page } = await dashboardPage()
    const sections = [...page.matchAll(/<a href="#([a-z]+)" data-section="([a-z]+)">/g)]
    expect(sections.map(([, href]) => href)).toEqual([
      'overview',
      'payments',
      'webhooks',
      'reports',
      'providers',
      'keys',
    ])
    for (const [, href, section] of sections) {
      expect(section).toBe(href)
      expect(page).toContain(`<section id="${section}" class="panel" hidden>`)
    }
  })

  it('builds the page from API data as text, never as markup', async () => {
    const scripts = await dashboardScripts()
    expect([...scripts.keys()]).toEqual(
      expect.arrayContaining([
        '/dashboard.js',
        '/dashboard/api.js',
        '/dashboard/overview.js',
        '/dashboard/reports.js',
      ])
    )
    for (const [path, text] of scripts) {
      expect(text, path).not.toMatch(
        /innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(/
      )
    }
    const all = [...scripts.values()].join('\n')
    for (const route of [
      '/v1/auth/login',
      '/v1/auth/refresh',
      '/v1/analytics/dashboard',
      '/v1/payments',
      '/v1/webhooks/deliveries',
      '/v1/config/webhooks',
      '/v1/config/tenant',
      '/v1/providers',
      '/v1/auth/api-keys',
      '/v1/reports',
    ]) {
      expect(all).toContain(route)
    }
  })
})
