/**
 * Attacks on every URL the gateway stores, fetches or sends a browser to: SSRF forms on the URLs a
 * tenant sets, open-redirect payloads wherever the gateway answers a 3xx or serves a page that
 * navigates.
 *
 * Inventory (src/):
 * - Webhook endpoint `url` (POST /v1/config/webhooks, test and live): tenant-set and fetched, by
 *   queue delivery and POST /v1/config/webhooks/{id}/test (webhooks/deliver.ts, `redirect:
 *   'manual'`). domain/webhook-url.ts: https only, no internal address; http(s) loopback for test
 *   endpoints only. No route changes a stored URL, so delivery sends to a URL that was checked.
 * - Callback origins (PUT /v1/config/callback-origins, domain/origins.ts): tenant-set, never
 *   fetched; https origins of public host names, loopback origins for test payments only.
 * - Payment `callbackUrl` (domain/callback-url.ts): tenant-set per payment, never fetched; on an
 *   allowed origin; the only target of the 303 from /v1/callback/{provider} (routes/callbacks.ts,
 *   payments/complete-return.ts, payments/merchant-redirect.ts).
 * - The return URL handed to providers: APP_URL + /v1/callback/{provider} + a signed state; no
 *   request field sets it.
 * - /v1/pay/{paymentId} (routes/shopper-pages.ts): a provider's page served once; its CSP
 *   form-action lists only the page's absolute http(s) form targets; only `t` is read.
 * - The sandbox PSP's 3-D Secure page (providers/sandbox/psp/pages.ts): 303 to the charge's
 *   return_url, which only the gateway, holding the derived merchant secret, can set.
 * - Provider config: the one URL-shaped credential is Adyen's `liveEndpointUrlPrefix`, a host
 *   label inside https://<prefix>-checkout-live.adyenpayments.com; provider base URLs are
 *   PROVIDER_ENDPOINTS, operator-only. Provider calls send `redirect: 'manual'` (providers/http.ts).
 * - No `next`/return parameter anywhere: sign-in answers JSON, the dashboard navigates by #hash,
 *   /demo goes to the redirectUrl the API answered.
 */
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { loadKeyring } from '../../src/crypto/keyring'
import { createDb } from '../../src/db/client'
import { insertShopperPage } from '../../src/db/repos/shopper-pages'
import { newId } from '../../src/domain/ids'
import { redirectSignature } from '../../src/payments/merchant-redirect'
import { issueShopperPage } from '../../src/payments/shopper-pages'
import { SIMULATORS_ORIGIN } from '../conformance/simulators'
import { call, type ErrorBody } from '../helpers/http'
import {
  createPayingTenant,
  type PaymentBody,
  pay,
  paymentBody,
  pressThreeDS,
  SHOP,
} from '../helpers/payments'
import { createTestTenant, type TestTenant } from '../helpers/tenant'
import { endpointFor, paidAndDispatched, runQueue } from '../helpers/webhooks'

/** Hosts of this machine, private networks and cloud metadata, and how the URL parser reads them. */
const INTERNAL_HOSTS: { host: string; loopback?: string }[] = [
  { host: '127.0.0.1', loopback: '127.0.0.1' },
  { host: '127.1', loopback: '127.0.0.1' },
  { host: '0177.0.0.1', loopback: '127.0.0.1' },
  { host: '0x7f000001', loopback: '127.0.0.1' },
  { host: '2130706433', loopback: '127.0.0.1' },
  { host: '[::1]', loopback: '[::1]' },
  { host: 'localhost', loopback: 'localhost' },
  { host: 'LOCALHOST.', loopback: 'localhost.' },
  { host: '0.0.0.0' },
  { host: '[::ffff:127.0.0.1]' },
  { host: '[::ffff:7f00:1]' },
  { host: '[0:0:0:0:0:ffff:127.0.0.1]' },
  { host: 'foo.localhost' },
  { host: '169.254.169.254' },
  { host: '[fd00::1]' },
  { host: '10.0.0.1' },
  { host: '192.168.1.1' },
  { host: '172.16.0.1' },
  { host: '100.64.0.1' },
  { host: 'metadata.google.internal' },
]

/** Not an http(s) URL written plainly, with the problem the URL check names. */
const NOT_PLAIN_URLS = [
  ['file:///etc/passwd', 'not_http'],
  ['gopher://hooks.example.com:70/_GET%20/', 'not_http'],
  ['ftp://hooks.example.com/h', 'not_http'],
  ['data:text/plain,hello', 'not_http'],
  ['javascript:alert(1)', 'not_http'],
  ['https:hooks.example.com/h', 'not_http'],
  ['//hooks.example.com/h', 'not_http'],
  ['https://user:pass@hooks.example.com/h', 'credentials'],
  ['https://hooks.example.com@169.254.169.254/h', 'credentials'],
  ['https://hooks.example.com/h\r\nX-Injected: 1', 'malformed'],
  ['https://hooks.example.com/a b', 'malformed'],
  [' https://hooks.example.com/h', 'malformed'],
  ['https://hooks.example.com\\@127.0.0.1/h', 'malformed'],
] as const

const TOO_LONG = `https://hooks.example.com/${'a'.repeat(2100)}`

async function addEndpoint(tenant: TestTenant, url: string, mode: 'test' | 'live') {
  return call<ErrorBody & { endpoint: { url: string } }>('POST', '/v1/config/webhooks', {
    token: tenant.token,
    body: { url, mode },
  })
}

const endpointsOf = async (tenant: TestTenant) =>
  (await call<{ data: { url: string }[] }>('GET', '/v1/config/webhooks', { token: tenant.token }))
    .body.data

function expectRefused(res: { status: number; body: ErrorBody }, code: string, problem?: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(422)
  expect(res.body.error.code).toBe(code)
  if (problem)
    expect(res.body.error.details).toEqual([expect.objectContaining({ message: problem })])
}

describe('webhook endpoint URLs refuse SSRF forms', () => {
  it.each(INTERNAL_HOSTS)(
    'a live endpoint refuses http:// and https:// $host',
    async ({ host }) => {
      const tenant = await createTestTenant()
      const plain = await addEndpoint(tenant, `http://${host}/h`, 'live')
      expectRefused(plain, 'invalid_webhook_url', 'not_https')
      expectRefused(
        await addEndpoint(tenant, `https://${host}/h`, 'live'),
        'invalid_webhook_url',
        'internal_address'
      )
      expect(await endpointsOf(tenant)).toEqual([])
    }
  )

  // The documented policy (README, webhooks): a test endpoint may be http on loopback, for a
  // receiver beside `npm run dev`; anything else, in either mode, is a public https URL.
  it.each(INTERNAL_HOSTS)('a test endpoint takes $host only if it is loopback', async (entry) => {
    const tenant = await createTestTenant()
    const plain = await addEndpoint(tenant, `http://${entry.host}/h`, 'test')
    if (entry.loopback) {
      expect(plain.status).toBe(201)
      expect(plain.body.endpoint.url).toBe(`http://${entry.loopback}/h`)
    } else {
      expectRefused(plain, 'invalid_webhook_url', 'not_https')
      expectRefused(
        await addEndpoint(tenant, `https://${entry.host}/h`, 'test'),
        'invalid_webhook_url',
        'internal_address'
      )
    }
    expect(await endpointsOf(tenant)).toHaveLength(entry.loopback ? 1 : 0)
  })

  it.each(NOT_PLAIN_URLS)('refuses %j in both modes (%s)', async (url, problem) => {
    const tenant = await createTestTenant()
    for (const mode of ['test', 'live'] as const)
      expectRefused(await addEndpoint(tenant, url, mode), 'invalid_webhook_url', problem)
    expect(await endpointsOf(tenant)).toEqual([])
  })

  it('refuses plain http for a public host in both modes, and an over-long URL as a bad request', async () => {
    const tenant = await createTestTenant()
    for (const mode of ['test', 'live'] as const) {
      const plain = await addEndpoint(tenant, 'http://hooks.example.com/h', mode)
      expectRefused(plain, 'invalid_webhook_url', 'not_https')
      const long = await addEndpoint(tenant, TOO_LONG, mode)
      expect(long.status).toBe(400)
      expect(long.body.error.code).toBe('invalid_request')
    }
    expect(await endpointsOf(tenant)).toEqual([])
  })
})

describe('webhook delivery does not follow redirects', () => {
  /** What reached the simulators' merchant receiver `name` (taken, so asked once). */
  async function receivedAt(name: string) {
    const res = await fetch(`${SIMULATORS_ORIGIN}/merchant/__sim/received?merchant=${name}`)
    return (await res.json<{ received: unknown[] }>()).received
  }

  /** A public receiver that answers 307 to `location`, and a second receiver it points at. */
  function redirectingReceiver(location?: string) {
    const [first, second] = [crypto.randomUUID(), crypto.randomUUID()]
    const to = location ?? `${SIMULATORS_ORIGIN}/merchant/hooks/${second}`
    const url = `https://providers.sim/merchant/hooks/${first}?status=307&location=${encodeURIComponent(to)}`
    return { url, first, second }
  }

  it.each([
    ['another receiver', undefined],
    ['the metadata address', 'http://169.254.169.254/latest/meta-data/'],
    ['loopback', 'http://127.0.0.1:8787/v1/config/webhooks'],
  ])('a test event stops at a 307 to %s', async (_, location) => {
    const receiver = redirectingReceiver(location)
    const tenant = await createTestTenant()
    const { id } = await endpointFor(tenant, { url: receiver.url })
    const res = await call('POST', `/v1/config/webhooks/${id}/test`, { token: tenant.token })
    expect(res.body).toMatchObject({ delivered: false, statusCode: 307, error: 'HTTP 307' })
    expect(await receivedAt(receiver.first)).toHaveLength(1)
    expect(await receivedAt(receiver.second)).toEqual([])
  })

  it('a queued delivery stops at a 307 and is retried at the stored URL', async () => {
    const receiver = redirectingReceiver()
    const tenant = await createTestTenant()
    await endpointFor(tenant, { url: receiver.url, events: ['payment.succeeded'] })
    const { deliveries } = await paidAndDispatched(tenant)
    const run = await runQueue(deliveries, { fetch: (input, init) => fetch(input, init) })
    expect(run.retried).toHaveLength(1)
    const row = await env.DB.prepare(
      'SELECT status, last_status_code AS code FROM webhook_deliveries WHERE tenant_id = ?'
    )
      .bind(tenant.tenantId)
      .first()
    expect(row).toEqual({ status: 'pending', code: 307 })
    expect(await receivedAt(receiver.first)).toHaveLength(1)
    expect(await receivedAt(receiver.second)).toEqual([])
  })
})

describe('callback origins refuse SSRF forms', () => {
  const putOrigins = (tenant: TestTenant, origins: string[]) =>
    call<ErrorBody & { origins: unknown[] }>('PUT', '/v1/config/callback-origins', {
      token: tenant.token,
      body: { origins },
    })

  it.each(INTERNAL_HOSTS)('take $host only as a loopback, test-only origin', async (entry) => {
    const tenant = await createTestTenant()
    for (const scheme of ['http', 'https']) {
      const res = await putOrigins(tenant, [`${scheme}://${entry.host}`])
      if (entry.loopback && !entry.loopback.endsWith('.')) {
        expect(res.status).toBe(200)
        expect(res.body.origins).toEqual([
          { origin: `${scheme}://${entry.loopback}`, testOnly: true },
        ])
      } else {
        expectRefused(res, 'invalid_origin')
      }
    }
  })

  it.each(NOT_PLAIN_URLS)('refuse %j', async (origin) => {
    const tenant = await createTestTenant()
    expectRefused(await putOrigins(tenant, [origin]), 'invalid_origin')
    const stored = await call('GET', '/v1/config/callback-origins', { token: tenant.token })
    expect(stored.body.origins).toEqual([])
  })

  it('refuse an over-long origin as a bad request', async () => {
    const tenant = await createTestTenant()
    const res = await putOrigins(tenant, [`https://${'a'.repeat(300)}.example.com`])
    expect(res.status).toBe(400)
  })
})

/** Open-redirect payloads a merchant's integration might pass on from a shopper. */
const REDIRECT_PAYLOADS = [
  '//evil.com',
  '/\\evil.com',
  'https:evil.com',
  `${SHOP}@evil.com`,
  `${SHOP}.evil.com/cb`,
  'javascript:alert(1)',
  '%2F%2Fevil.com',
  '\t//evil.com',
  `https://shop.example.com\u3002evil.com/cb`, // ideographic full stop: the parser reads a dot
  'https://shop.example.com\uff0fevil.com', // fullwidth solidus
  'https://ѕhop.example.com/cb', // Cyrillic ѕ
  'https://shop.ex\u0430mple.com/cb', // Cyrillic а
  'https://xn--hop-ehd.example.com/cb', // the same, as punycode
  `${SHOP}%2F@evil.com/cb`,
  `${SHOP}:443@evil.com/cb`,
]

describe('a payment callbackUrl', () => {
  async function shopTenant() {
    const tenant = await createTestTenant()
    await call('PUT', '/v1/config/callback-origins', {
      token: tenant.token,
      body: { origins: [SHOP, 'http://localhost:3000'] },
    })
    return tenant
  }

  const payTo = (tenant: TestTenant, callbackUrl: string, extra: Record<string, unknown> = {}) =>
    call<ErrorBody & PaymentBody>('POST', '/v1/payments/sandbox', {
      token: tenant.token,
      body: paymentBody({ use3D: true, callbackUrl, ...extra }),
    })

  it.each([
    ...INTERNAL_HOSTS.flatMap(({ host }) => [`http://${host}/cb`, `https://${host}/cb`]),
    ...NOT_PLAIN_URLS.map(([url]) => url),
    ...REDIRECT_PAYLOADS,
  ])('refuses %j and stores nothing', async (callbackUrl) => {
    const tenant = await shopTenant()
    const res = await payTo(tenant, callbackUrl)
    expect([400, 422], JSON.stringify(res.body)).toContain(res.status)
    expect(res.body.error.code).toMatch(/^(callback_url_not_allowed|invalid_request)$/)
    const list = await call<{ data: unknown[] }>('GET', '/v1/payments', { token: tenant.token })
    expect(list.body.data).toEqual([])
  })

  it('refuses a test-only origin for a production payment', async () => {
    const tenant = await shopTenant()
    const res = await payTo(tenant, 'http://localhost:3000/cb', { environment: 'production' })
    expectRefused(res, 'callback_url_not_allowed', 'test_only_origin')
  })

  it('refuses one over 2048 characters as a bad request', async () => {
    const res = await payTo(await shopTenant(), `${SHOP}/${'a'.repeat(2100)}`)
    expect(res.status).toBe(400)
  })

  it("takes no return URL from the request: the provider sends the shopper to the gateway's own", async () => {
    const tenant = await shopTenant()
    const created = await payTo(tenant, `${SHOP}/cb`, {
      returnUrl: 'https://evil.com/return',
      redirectUrl: 'https://evil.com/redirect',
      notificationUrl: 'http://169.254.169.254/',
      return_url: '//evil.com',
    })
    expect(created.status).toBe(201)
    expect(new URL(created.body.redirectUrl!).origin).toBe(new URL(env.APP_URL).origin)
    const back = await pressThreeDS(created.body.redirectUrl!)
    expect(`${back.origin}${back.pathname}`).toBe(`${env.APP_URL}/v1/callback/sandbox`)
  })
})

describe('the return from 3-D Secure goes only to the stored callbackUrl', () => {
  const CALLBACK = `${SHOP}/cb?order=42`

  async function returning(action: 'authenticate' | 'fail') {
    const tenant = await createPayingTenant()
    const created = await pay(tenant, { use3D: true, callbackUrl: CALLBACK })
    const back = await pressThreeDS(created.body.redirectUrl!, action)
    // The sandbox PSP's 3-D Secure page answers only to where the gateway asked it to.
    expect(`${back.origin}${back.pathname}`).toBe(`${env.APP_URL}/v1/callback/sandbox`)
    return { tenant, paymentId: created.body.paymentId, path: `${back.pathname}${back.search}` }
  }

  /** A 303 to the stored callbackUrl, signed, saying what happened (`success`), nothing else. */
  async function expectMerchantRedirect(
    res: { status: number; headers: Headers },
    tenant: TestTenant,
    expected: { paymentId: string; success: boolean }
  ) {
    expect(res.status).toBe(303)
    const raw = res.headers.get('Location')!
    expect(raw).not.toMatch(/evil|javascript|\s/i)
    const location = new URL(raw)
    expect(`${location.origin}${location.pathname}`).toBe(`${SHOP}/cb`)
    const query = Object.fromEntries(location.searchParams)
    expect(Object.keys(query).filter((key) => key !== 'error')).toEqual([
      'order',
      'success',
      'paymentId',
      'status',
      'timestamp',
      'signature',
    ])
    expect(query).toMatchObject({
      order: '42',
      paymentId: expected.paymentId,
      success: String(expected.success),
    })
    if (!expected.success) expect(query.status).not.toBe('successful')
    const { body } = await call<{ callbackSecret: string }>('GET', '/v1/config/callback-secret', {
      token: tenant.token,
    })
    const [signed, signature] = location.search.slice(1).split('&signature=')
    expect(signature).toBe(await redirectSignature(body.callbackSecret, signed!))
  }

  /** What a shopper appends to the return to steer it, raw (already percent-encoded). */
  const STEERING = [
    'redirect=//evil.com',
    'next=/%5Cevil.com',
    'url=https:evil.com',
    'returnUrl=https://shop.example.com@evil.com',
    'callbackUrl=https://shop.example.com.evil.com/cb',
    'redirect_uri=javascript:alert(1)',
    'continue=%2F%2Fevil.com',
    'to=%09//evil.com',
    'target=https://%D1%95hop.example.com/cb',
    'order=1%0D%0ALocation:%20https://evil.com',
    'success=true&status=successful&error=&paymentId=pay_0&timestamp=1&signature=00',
  ]

  it.each(STEERING)('ignores %s in the query', async (injected) => {
    const { tenant, paymentId, path } = await returning('fail')
    const res = await call('GET', `${path}&${injected}`)
    await expectMerchantRedirect(res, tenant, { paymentId, success: false })
  })

  it.each(['application/x-www-form-urlencoded', 'application/json'])(
    'ignores steering fields posted as %s',
    async (type) => {
      const { tenant, paymentId, path } = await returning('authenticate')
      const fields = Object.fromEntries(
        STEERING.flatMap((s) => [...new URLSearchParams(s)]).filter(([k]) => k !== 'paymentId')
      )
      const res = await call('POST', path, {
        rawBody: type.includes('json')
          ? JSON.stringify(fields)
          : new URLSearchParams(fields).toString(),
        headers: { 'Content-Type': type },
      })
      await expectMerchantRedirect(res, tenant, { paymentId, success: true })
    }
  )

  it('answers a missing or forged state with a page that navigates nowhere', async () => {
    const { path } = await returning('authenticate')
    for (const attempt of [
      '/v1/callback/sandbox?callbackUrl=https://evil.com',
      `${path.replace(/state=[^&]+/, 'state=x.y')}&redirect=https://evil.com`,
    ]) {
      const res = await call<string>('GET', attempt)
      expect(res.status).toBe(400)
      expect(res.headers.get('Location')).toBeNull()
      expect(res.headers.get('Refresh')).toBeNull()
      expect(res.body).not.toMatch(/evil|http-equiv|<script|<form|href=/i)
    }
  })
})

describe('the gateway-hosted provider page', () => {
  async function storedPage(html: string) {
    const keyring = loadKeyring(env.CONFIG_ENCRYPTION_KEY)
    if (typeof keyring === 'string') throw new Error(keyring)
    const paymentId = newId('payment')
    const issued = await issueShopperPage(
      (await keyring).stateTokens,
      { tenantId: newId('tenant'), paymentId },
      { kind: 'html', html },
      60_000,
      Date.now()
    )
    await insertShopperPage(createDb(env.DB), issued.row).run()
    return `/v1/pay/${paymentId}?t=${issued.token}`
  }

  it('lets forms post only to absolute http(s) targets, whatever else the page or query holds', async () => {
    const forms = ['https://bank.example/acs', '//evil.com/a', '/\\evil.com', 'javascript:alert(1)']
    const path = await storedPage(
      forms.map((action) => `<form action="${action}" method="post"></form>`).join('')
    )
    const res = await call<string>('GET', `${path}&next=//evil.com&action=https://evil.com`)
    expect(res.status).toBe(200)
    expect(res.headers.get('Location')).toBeNull()
    const policy = res.headers.get('Content-Security-Policy')!
    expect(policy).toContain('form-action https://bank.example;')
    expect(policy).not.toMatch(/evil|\*|'self'/)
    expect(policy).toContain("script-src 'nonce-")
  })
})

describe('no other route redirects off-site', () => {
  it.each([
    '//evil.com/',
    '/%2F%2Fevil.com/',
    '/%5C%5Cevil.com/',
    '/\\evil.com/',
    '/docs/',
    '/dashboard/',
    '/demo/?next=//evil.com',
    '/dashboard.css/',
    '/vendor/swagger-ui/',
  ])('GET %s answers no off-site Location', async (path) => {
    const res = await call('GET', path)
    expect(res.status).toBeLessThan(500)
    const location = res.headers.get('Location')
    if (location)
      expect(new URL(location, 'http://gateway.test').origin).toBe('http://gateway.test')
  })
})

describe("Adyen's live endpoint prefix", () => {
  const saveAdyen = (tenant: TestTenant, prefix: string) =>
    call<ErrorBody>('POST', '/v1/config/tenant', {
      token: tenant.token,
      body: {
        provider: 'adyen',
        environment: 'production',
        configs: [
          { key: 'apiKey', value: 'AQE-key' },
          { key: 'merchantAccount', value: 'ShopECOM' },
          { key: 'liveEndpointUrlPrefix', value: prefix },
        ],
      },
    })

  it('takes a host label, which only ever fills https://<prefix>-checkout-live.adyenpayments.com', async () => {
    expect((await saveAdyen(await createTestTenant(), '1797a841fbb37ca7-AdyenDemo')).status).toBe(
      200
    )
  })

  it.each([
    '127.0.0.1',
    '169.254.169.254',
    'evil.com',
    'evil.com/',
    'x@evil.com',
    'x#',
    'localhost:8080',
    'http://evil.com',
    '[::1]',
    'a b',
    'abc\r\n',
    'x.evil.com?',
  ])('refuses %j and stores nothing', async (prefix) => {
    const tenant = await createTestTenant()
    const res = await saveAdyen(tenant, prefix)
    expect([400, 422]).toContain(res.status)
    expect(res.body.error.code).toMatch(/^(invalid_config_value|invalid_request)$/)
    const stored = await call('GET', '/v1/config/tenant?provider=adyen', { token: tenant.token })
    expect(stored.status).toBe(404)
  })
})
