/**
 * @module The shopper's browser, as far as a 3-D Secure walk needs one, in Node: it follows
 * redirects, submits the auto-posting forms that carry it between the gateway, the provider and
 * the bank, and presses `action=pass` on a simulator's page. It stops at the step that would bring
 * the shopper back to the gateway's callback and hands that step over, so the bench can send it
 * later, under load. (test/conformance/browser.ts does the same inside workerd, with HTMLRewriter.)
 */
import { type Form, type Navigation, submitForm } from '../../test/conformance/navigation.ts'
import { BENCH_CLIENT_HEADER } from './simulators.ts'

const MAX_STEPS = 12

const ENTITIES: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>' }
const decode = (value: string) =>
  value.replace(/&(#\d+|[a-z]+);/gi, (entity, name: string) =>
    name.startsWith('#') ? String.fromCodePoint(Number(name.slice(1))) : (ENTITIES[name] ?? entity)
  )

const attribute = (tag: string, name: string) => {
  const value = new RegExp(`\\s${name}\\s*=\\s*"([^"]*)"`, 'i').exec(tag)?.[1]
  return value === undefined ? undefined : decode(value)
}

/** The forms of a page the simulators or the gateway wrote (double-quoted attributes). */
function formsOf(html: string, pageUrl: string): Form[] {
  return [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)].map(
    ([, tag = '', inner = '']) => ({
      action: new URL(attribute(tag, 'action') ?? pageUrl, pageUrl).toString(),
      method: attribute(tag, 'method')?.toUpperCase() === 'POST' ? 'POST' : 'GET',
      fields: [...inner.matchAll(/<input\b([^>]*)>/gi)]
        .map(([, input = '']) => [attribute(input, 'name'), attribute(input, 'value') ?? ''])
        .filter((field): field is [string, string] => field[0] !== undefined),
    })
  )
}

/**
 * Opens `redirectUrl` and goes on like a browser, pressing `pass` on the simulated bank's page,
 * until the next step would return to `gateway`'s callback: that step.
 */
export async function walkToCallback(redirectUrl: string, gateway: string): Promise<Navigation> {
  let nav: Navigation = { method: 'GET', url: redirectUrl }
  let pressed = false
  for (let step = 0; step < MAX_STEPS; step++) {
    const url = new URL(nav.url)
    if (url.origin === gateway && url.pathname.startsWith('/v1/callback/')) return nav
    const response = await fetch(nav.url, {
      method: nav.method,
      redirect: 'manual',
      headers: {
        [BENCH_CLIENT_HEADER]: '1',
        ...(nav.body === undefined ? {} : { 'Content-Type': 'application/x-www-form-urlencoded' }),
      },
      body: nav.body,
    })
    const location = response.headers.get('Location')
    const html = await response.text()
    if (response.status >= 300 && response.status < 400 && location) {
      nav = { method: 'GET', url: new URL(location, nav.url).toString() }
      continue
    }
    if (response.status !== 200) throw new Error(`${nav.method} ${nav.url}: ${response.status}`)
    if (/<button[^>]*name="action"/i.test(html) && !pressed) {
      pressed = true
      nav = { method: 'POST', url: nav.url, body: 'action=pass' }
      continue
    }
    const form = formsOf(html, nav.url)[0]
    if (!form) throw new Error(`${nav.url}: a page with nowhere to go`)
    nav = submitForm(form)
  }
  throw new Error(`no way back to the gateway from ${redirectUrl}`)
}
