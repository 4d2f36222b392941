/**
 * Open-redirect payloads wherever the gateway answers a 3xx or serves a page that navigates:
 * - Payment `callbackUrl` (domain/callback-url.ts): tenant-set per payment, never fetched; on an
 *   allowed origin; the only target of the 303 from /v1/callback/{provider} (routes/callbacks.ts,
 *   payments/complete-return.ts, payments/merchant-redirect.ts).
 * - The return URL handed to providers: APP_URL + /v1/callback/{provider} + a signed state; no
 *   request field sets it.
 * - /v1/pay/{paymentId} (routes/shopper-pages.ts): a provider's page served once; its CSP
 *   form-action lists only the page's absolute http(s) form targets; only `t` is read.
 * - The sandbox PSP's 3-D Secure page (providers/sandbox/psp/pages.ts): 303 to the charge's
 *   return_url, which only the gateway, holding the derived merchant secret, can set.
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
import {
  expectRefused,
  INTERNAL_HOSTS,
  NOT_PLAIN_URLS,
  REDIRECT_PAYLOADS,
} from '../helpers/hostile-urls'
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
