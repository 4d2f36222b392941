/** Every HTML page the Worker serves carries the security headers, whoever made the page. */
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { DEFAULT_PAGE_CSP } from '../../src/http/middleware/security-headers'
import { call } from '../helpers/http'
import { card, createPayingTenant, pay, SHOP } from '../helpers/payments'

const expectSecured = (headers: Headers, page: string) => {
  expect(headers.get('Content-Type'), page).toMatch(/^text\/html/)
  expect(headers.get('Content-Security-Policy'), page).toMatch(/frame-ancestors 'none'/)
  expect(headers.get('X-Content-Type-Options'), page).toBe('nosniff')
  expect(headers.get('Referrer-Policy'), page).toBe('no-referrer')
}

describe('security headers on HTML pages', () => {
  it('are on the documentation, the demo, the dashboard and the refusal pages', async () => {
    for (const path of [
      '/docs',
      '/docs/errors',
      '/demo',
      '/dashboard',
      '/v1/callback/sandbox?state=forged',
    ]) {
      const res = await call('GET', path)
      expectSecured(res.headers, path)
    }
  })

  it("are on the sandbox's 3-D Secure page, whose form posts back to the gateway", async () => {
    const tenant = await createPayingTenant()
    const created = await pay(tenant, {
      use3D: true,
      cardInfo: card('4000000000003220'),
      callbackUrl: `${SHOP}/done`,
    })
    const page = await call('GET', new URL(created.body.redirectUrl!).pathname)
    expect(page.status).toBe(200)
    expectSecured(page.headers, 'sandbox 3-D Secure page')
    // The form posts to the gateway, which then sends the shopper on to the merchant.
    expect(page.headers.get('Content-Security-Policy')).not.toMatch(/form-action/)
  })

  it('leave JSON answers alone', async () => {
    const res = await call('GET', '/v1/providers')
    expect(res.headers.get('Content-Security-Policy')).toBeNull()
  })
})

describe('security headers on static files', () => {
  it('are the same on an HTML page served straight from public/ (its _headers file)', async () => {
    const res = await env.ASSETS.fetch(new URL('/vendor/errors', env.APP_URL))
    await res.body?.cancel()
    expect(res.status).toBe(200)
    expectSecured(res.headers, '/vendor/errors')
    expect(res.headers.get('Content-Security-Policy')).toBe(DEFAULT_PAGE_CSP)
    expect(res.headers.get('X-Frame-Options')).toBe('DENY')
  })
})
