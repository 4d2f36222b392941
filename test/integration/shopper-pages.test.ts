/**
 * The gateway's own page for providers that answer with HTML or a form instead of a URL: served
 * once, with a policy that lets it post only to the provider, and never holding card data.
 */
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { loadKeyring } from '../../src/crypto/keyring'
import { createDb } from '../../src/db/client'
import { insertShopperPage } from '../../src/db/repos/shopper-pages'
import { newId } from '../../src/domain/ids'
import { issueShopperPage } from '../../src/payments/shopper-pages'
import type { CardDetails, ShopperPage } from '../../src/providers/types'
import { runCron } from '../helpers/cron'
import { call } from '../helpers/http'

const MINUTE_MS = 60_000

async function stateKey() {
  const keyring = loadKeyring(env.CONFIG_ENCRYPTION_KEY)
  if (typeof keyring === 'string') throw new Error(`test key ${keyring}`)
  return (await keyring).stateTokens
}

const bankHtml = `<!doctype html><html><body>
<form id="iyzico-3ds-form" action="https://bank.example/acs/challenge" method="post">
  <input type="hidden" name="PaReq" value="eJxVUk1v2zAM">
  <input type="hidden" name="MD" value="md-123">
</form>
<script type="text/javascript">document.getElementById('iyzico-3ds-form').submit();</script>
</body></html>`

async function storedPage(
  page: ShopperPage,
  options: { lifetimeMs?: number; now?: number; card?: CardDetails } = {}
) {
  const payment = { tenantId: newId('tenant'), paymentId: newId('payment'), card: options.card }
  const issued = await issueShopperPage(
    await stateKey(),
    payment,
    page,
    options.lifetimeMs ?? 60 * MINUTE_MS,
    options.now ?? Date.now()
  )
  await insertShopperPage(createDb(env.DB), issued.row).run()
  return { ...payment, path: `/v1/pay/${payment.paymentId}?t=${issued.token}`, token: issued.token }
}

const canary: CardDetails = {
  holderName: 'Canary',
  number: '4111111111111111',
  expiryMonth: 12,
  expiryYear: 2030,
  cvv: '918',
}

describe('the gateway-hosted shopper page', () => {
  it("serves a provider's HTML once, allowed to post only to the provider's form target", async () => {
    const { path } = await storedPage({ kind: 'html', html: bankHtml })
    const first = await call<string>('GET', path)
    expect(first.status).toBe(200)
    expect(first.headers.get('Cache-Control')).toBe('no-store')
    expect(first.headers.get('Referrer-Policy')).toBe('no-referrer')
    const policy = first.headers.get('Content-Security-Policy')!
    expect(policy).toContain('form-action https://bank.example;')
    expect(policy).toContain("default-src 'none'")
    const nonce = policy.match(/script-src 'nonce-([^']+)'/)![1]
    expect(first.body).toContain(`<script type="text/javascript" nonce="${nonce}">`)
    expect(first.body).toContain('name="PaReq" value="eJxVUk1v2zAM"')

    const second = await call<string>('GET', path)
    expect(second.status).toBe(400)
    expect(second.body).toContain('invalid, has expired or has already been used')
  })

  it("allows a page's inline handlers by their hashes only", async () => {
    const handler = "document.getElementById('f').submit()"
    const { path } = await storedPage({
      kind: 'html',
      html: `<body onload="${handler}"><form id="f" action="https://bank.example/acs" method="post"></form></body>`,
    })
    const res = await call<string>('GET', path)
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(handler))
    const hash = btoa(String.fromCharCode(...new Uint8Array(digest)))
    expect(res.headers.get('Content-Security-Policy')).toMatch(
      new RegExp(
        `script-src 'nonce-[^']+' 'unsafe-hashes' 'sha256-${hash.replace(/[+/]/g, '\\$&')}';`
      )
    )
  })

  it('posts a form on load, with a button for browsers without scripts', async () => {
    const { path } = await storedPage({
      kind: 'form',
      action: 'https://paycell.example/threeDSecure',
      method: 'POST',
      fields: { threeDSessionId: 'abc"<script>', callbackurl: 'https://gw.example/cb?x=1&y=2' },
    })
    const res = await call<string>('GET', path)
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Security-Policy')).toContain(
      'form-action https://paycell.example;'
    )
    expect(res.body).toContain('action="https://paycell.example/threeDSecure"')
    expect(res.body).toContain('value="abc&quot;&lt;script&gt;"')
    expect(res.body).toContain('value="https://gw.example/cb?x=1&amp;y=2"')
    expect(res.body).toContain('<noscript><button type="submit">Continue</button></noscript>')
  })

  it('answers an expired, forged or foreign link with the refusal page', async () => {
    const expired = await storedPage(
      { kind: 'html', html: bankHtml },
      { lifetimeMs: MINUTE_MS, now: Date.now() - 2 * MINUTE_MS }
    )
    const other = await storedPage({ kind: 'html', html: bankHtml })
    const forged = `${other.token.slice(0, -4)}AAAA`
    for (const path of [
      expired.path,
      `/v1/pay/${other.paymentId}?t=${forged}`,
      `/v1/pay/${expired.paymentId}?t=${other.token}`,
      `/v1/pay/${other.paymentId}`,
    ]) {
      const res = await call<string>('GET', path)
      expect(res.status, path).toBe(400)
      expect(res.body).toContain('We could not complete this payment step')
    }
    // The right link still works: refusals consumed nothing.
    expect((await call('GET', other.path)).status).toBe(200)
  })

  it('never keeps a page that carries the card number or security code', async () => {
    await expect(
      storedPage(
        {
          kind: 'html',
          html: `<form action="https://bank.example"><input name="pan" value="4111 1111 1111 1111"></form>`,
        },
        { card: canary }
      )
    ).rejects.toThrow(/card data/)
    await expect(
      storedPage(
        { kind: 'form', action: 'https://bank.example', method: 'POST', fields: { cvv: '918' } },
        { card: canary }
      )
    ).rejects.toThrow(/card data/)
    await expect(
      storedPage({ kind: 'html', html: bankHtml }, { card: canary })
    ).resolves.toBeDefined()
  })

  it('is deleted by the cron once expired', async () => {
    const expired = await storedPage(
      { kind: 'html', html: bankHtml },
      { lifetimeMs: MINUTE_MS, now: Date.now() - 2 * MINUTE_MS }
    )
    await runCron()
    const row = await env.DB.prepare('SELECT 1 FROM shopper_pages WHERE payment_id = ?')
      .bind(expired.paymentId)
      .first()
    expect(row).toBeNull()
  })
})
