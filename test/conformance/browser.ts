/**
 * @module A shopper's browser, as far as payment pages need one: it follows redirects, submits the
 * auto-submitting forms that carry it between the gateway, the provider and the bank, and presses
 * `action=pass|fail` on a simulator's page. It stops at the step that would bring the shopper back
 * to the gateway's callback, and hands that step over (GET with a query, or a form POST).
 */
import { env, exports } from 'cloudflare:workers'
import { type Form, type Navigation, submitForm } from './navigation'

export type { Navigation }

interface Page {
  forms: Form[]
  /** A simulator's shopper page: buttons `name=action` with `pass` and `fail`. */
  hasActionButtons: boolean
}

const MAX_STEPS = 12

/** HTMLRewriter hands attribute values over as written; a browser reads `&amp;` as `&`. */
const NAMED_ENTITIES: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>' }
const decodeEntities = (value: string) =>
  value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
    if (name[0] !== '#') return NAMED_ENTITIES[name.toLowerCase()] ?? entity
    const code =
      name[1] === 'x' || name[1] === 'X'
        ? Number.parseInt(name.slice(2), 16)
        : Number(name.slice(1))
    return String.fromCodePoint(code)
  })
const attribute = (element: Element, name: string) => {
  const value = element.getAttribute(name)
  return value === null ? null : decodeEntities(value)
}

const isGateway = (url: string) => new URL(url).origin === env.APP_URL

export const isGatewayCallback = (url: string) =>
  isGateway(url) && new URL(url).pathname.startsWith('/v1/callback/')

async function request(nav: Navigation): Promise<Response> {
  const init: RequestInit = {
    method: nav.method,
    redirect: 'manual',
    headers: nav.body === undefined ? {} : { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: nav.body,
  }
  // The gateway is reached through its own fetch handler; providers through the outbound network.
  return isGateway(nav.url) ? exports.default.fetch(nav.url, init) : fetch(nav.url, init)
}

async function readPage(response: Response, url: string): Promise<Page> {
  const page: Page = { forms: [], hasActionButtons: false }
  const rewriter = new HTMLRewriter()
    .on('form', {
      element(form) {
        page.forms.push({
          action: new URL(attribute(form, 'action') ?? url, url).toString(),
          method: (attribute(form, 'method') ?? 'GET').toUpperCase() === 'POST' ? 'POST' : 'GET',
          fields: [],
        })
      },
    })
    .on('input[name], textarea[name]', {
      element(input) {
        page.forms.at(-1)?.fields.push([attribute(input, 'name')!, attribute(input, 'value') ?? ''])
      },
    })
    .on('button[name="action"]', {
      element() {
        page.hasActionButtons = true
      },
    })
  await rewriter.transform(response).text()
  return page
}

/**
 * Opens `redirectUrl` and goes on like a browser, pressing `action` on the simulated page, until the
 * next step would return to the gateway's callback: that step.
 */
export async function walkToCallback(
  redirectUrl: string,
  action: 'pass' | 'fail'
): Promise<Navigation> {
  let nav: Navigation = { method: 'GET', url: redirectUrl }
  let pressed = false
  for (let step = 0; step < MAX_STEPS; step++) {
    if (isGatewayCallback(nav.url)) return nav
    const response = await request(nav)
    const location = response.headers.get('Location')
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel()
      nav = { method: 'GET', url: new URL(location, nav.url).toString() }
      continue
    }
    if (response.status !== 200) {
      throw new Error(`${nav.method} ${nav.url}: ${response.status} ${await response.text()}`)
    }
    const page = await readPage(response, nav.url)
    if (page.hasActionButtons && !pressed) {
      pressed = true
      nav = { method: 'POST', url: nav.url, body: `action=${action}` }
      continue
    }
    const form = page.forms[0]
    if (!form) throw new Error(`${nav.url}: a page with nowhere to go`)
    nav = submitForm(form)
  }
  throw new Error(`no way back to the gateway from ${redirectUrl}`)
}
