/**
 * @module `GET /v1/pay/{paymentId}?t=…`: the page a provider answered with instead of a URL (a
 * bank's 3-D Secure form, an auto-submitting form to post), served once to the shopper the
 * merchant sent here. Its Content-Security-Policy lets the page post only to the provider's form
 * targets and run only the scripts it came with; nothing is cached or referred on. A second open,
 * an expired or forged link, or another tenant's payment all get the same 400 page.
 */
import { OpenAPIHono } from '@hono/zod-openapi'
import { html } from 'hono/html'
import { EXAMPLE_IDS } from '#document-only'
import { toBase64, toBase64Url } from '../../crypto/encoding'
import { digest } from '../../crypto/hash'
import { randomBytes } from '../../crypto/random'
import { type ShopperPageRow, takeShopperPage } from '../../db/repos/shopper-pages'
import type { AppEnv } from '../../env'
import { readPageLink } from '../../payments/shopper-pages'
import type { ShopperPage } from '../../providers/types'
import { servicesOf } from '../../services'
import { declareAccess } from '../access'
import * as z from '../openapi-zod'
import { refusalPage } from '../refusal-page'

const PATH = '/v1/pay/:paymentId'
const REFUSED = 'This payment link is invalid, has expired or has already been used.'

/** A page link's `t`: base64url claims (tenant, payment, token id, expiry), a dot, their HMAC. */
const PAGE_TOKEN_EXAMPLE =
  'eyJ0ZW5hbnRJZCI6InRlbl8wMU04TlRYRE0wUUFaTkFHV0tONENaODZTMiIsInBheW1lbnRJZCI6InBheV8wMU05ODA4WTQwSFZLMldOWThXWENTSDNKTiIsInRva2VuSWQiOiJzcGdfMDFNOTgwOFk0MFQzUjhFUVFFOVkwM0FCMTciLCJleHBpcmVzQXQiOjE3OTY2NDA2MDAwMDB9.bhEUwFdRRZdTMl4b9frBYz2wyO01-0MNV_weoH8Ti0M'

const contentSecurityPolicy = (nonce: string, formOrigins: string, handlerHashes: string[]) =>
  [
    "default-src 'none'",
    [
      `script-src 'nonce-${nonce}'`,
      ...(handlerHashes.length ? ["'unsafe-hashes'"] : []),
      ...handlerHashes,
    ].join(' '),
    "style-src 'unsafe-inline'",
    'img-src data:',
    `form-action ${formOrigins || "'none'"}`,
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ')

/** A form to post, submitted on load; a button for browsers without scripts. */
const autoSubmitting = (page: Extract<ShopperPage, { kind: 'form' }>, nonce: string) =>
  html`<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>Continuing to your bank</title></head>
  <body style="font: 16px/1.5 system-ui, sans-serif; max-width: 36rem; margin: 10vh auto; padding: 0 1rem">
    <form id="continue" method="${page.method}" action="${page.action}">
      ${Object.entries(page.fields).map(
        ([name, value]) => html`<input type="hidden" name="${name}" value="${value}" />`
      )}
      <p>Taking you to your bank to confirm the payment…</p>
      <noscript><button type="submit">Continue</button></noscript>
    </form>
    <script nonce="${nonce}">document.getElementById('continue').submit()</script>
  </body>
</html>`

/**
 * Bank pages often submit their form from an inline handler (`<body onload="…">`), which a nonce
 * cannot allow: each handler the page holds is allowed by its own hash, and nothing else is.
 */
async function handlerHashesOf(page: ShopperPage): Promise<string[]> {
  if (page.kind !== 'html') return []
  const handlers = new Set<string>()
  await new HTMLRewriter()
    .on('*', {
      element(element) {
        for (const [name, value] of element.attributes) if (/^on/i.test(name)) handlers.add(value)
      },
    })
    .transform(new Response(page.html))
    .text()
  return Promise.all(
    [...handlers].map(async (handler) => `'sha256-${toBase64(await digest('SHA-256', handler))}'`)
  )
}

async function render(row: ShopperPageRow, nonce: string): Promise<Response> {
  const page = JSON.parse(row.page) as ShopperPage
  const headers = {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': contentSecurityPolicy(
      nonce,
      row.formOrigins,
      await handlerHashesOf(page)
    ),
  }
  if (page.kind === 'form') return new Response(autoSubmitting(page, nonce).toString(), { headers })
  // The provider's own HTML; its scripts (the form's auto-submit) run under this response's nonce.
  const withNonce = new HTMLRewriter().on('script', {
    element(script) {
      script.setAttribute('nonce', nonce)
    },
  })
  return withNonce.transform(new Response(page.html, { headers }))
}

export const shopperPageRoutes = new OpenAPIHono<AppEnv>()

declareAccess('get', PATH, 'public')
shopperPageRoutes.openAPIRegistry.registerPath({
  method: 'get',
  path: '/v1/pay/{paymentId}',
  operationId: 'showProviderPage',
  tags: ['Callbacks'],
  summary: "The provider's page for the shopper (3-D Secure, a bank form), served once",
  description:
    'The `redirectUrl` of a pending payment whose provider answered with a page instead of a URL. ' +
    "Single use; it expires with the payment's pending lifetime (at most 30 minutes).",
  request: {
    params: z.object({ paymentId: z.string().openapi({ example: EXAMPLE_IDS.threeDSPayment }) }),
    query: z.object({ t: z.string().openapi({ example: PAGE_TOKEN_EXAMPLE }) }),
  },
  responses: {
    200: { description: "The provider's page (HTML), with a Content-Security-Policy of its own." },
    400: {
      description: 'An HTML page: the link is forged, expired, already used or not this payment.',
    },
  },
  'x-access': 'public',
})

shopperPageRoutes.get(PATH, async (c) => {
  const services = servicesOf(c.env)
  const now = services.now()
  const token = c.req.query('t')
  const link = token ? await readPageLink(await services.keyring(), token, now) : undefined
  const row =
    link && link.paymentId === c.req.param('paymentId')
      ? await takeShopperPage(services.db, link, now)
      : undefined
  if (!row) {
    c.header('Cache-Control', 'no-store')
    c.header('Referrer-Policy', 'no-referrer')
    return c.html(refusalPage(REFUSED), 400)
  }
  return render(row, toBase64Url(randomBytes(16)))
})
