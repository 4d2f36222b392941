/**
 * SSRF forms on every URL a tenant sets, and what the gateway does with them:
 * - Webhook endpoint `url` (POST /v1/config/webhooks, test and live): tenant-set and fetched, by
 *   queue delivery and POST /v1/config/webhooks/{id}/test (webhooks/deliver.ts, `redirect:
 *   'manual'`). domain/webhook-url.ts: https only, no internal address; http(s) loopback for test
 *   endpoints only. No route changes a stored URL, so delivery sends to a URL that was checked.
 * - Callback origins (PUT /v1/config/callback-origins, domain/origins.ts): tenant-set, never
 *   fetched; https origins of public host names, loopback origins for test payments only.
 * - Provider config: the one URL-shaped credential is Adyen's `liveEndpointUrlPrefix`, a host
 *   label inside https://<prefix>-checkout-live.adyenpayments.com; provider base URLs are
 *   PROVIDER_ENDPOINTS, operator-only. Provider calls send `redirect: 'manual'` (providers/http.ts).
 * The payment `callbackUrl`, never fetched, is in attacks.redirects.test.ts.
 */
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { SIMULATORS_ORIGIN } from '../conformance/simulators'
import { expectRefused, INTERNAL_HOSTS, NOT_PLAIN_URLS } from '../helpers/hostile-urls'
import { call, type ErrorBody } from '../helpers/http'
import { createTestTenant, type TestTenant } from '../helpers/tenant'
import { endpointFor, paidAndDispatched, runQueue } from '../helpers/webhooks'

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
