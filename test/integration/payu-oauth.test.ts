/**
 * PayU's OAuth tokens through the gateway: one client_credentials token serves many orders (the
 * gateway caches it per tenant and environment), a token PayU refuses is fetched again once, and
 * neither the client secret, the second key nor a token is kept in the provider log.
 */
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { harnessFor } from '../conformance/harness'
import { payuProfile } from '../conformance/payu'
import { countersOf, SIMULATORS_ORIGIN } from '../conformance/simulators'

const revokeTokens = async (merchant: string) => {
  const res = await fetch(`${SIMULATORS_ORIGIN}/payu/__sim/revoke_tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ merchant }),
  })
  return res.json<{ revoked: number }>()
}

describe('PayU OAuth tokens', () => {
  it('asks PayU for one token for twenty orders in a row', async () => {
    const h = await harnessFor(payuProfile)
    for (let i = 0; i < 20; i++) {
      const res = await h.pay(payuProfile.redirect)
      expect(res.status, JSON.stringify(res.body)).toBe(201)
      expect(res.body.status).toBe('pending')
    }
    expect((await countersOf(h.account)).token).toBe(1)
  })

  it('fetches a new token once when PayU refuses the cached one, and the order is made', async () => {
    const h = await harnessFor(payuProfile)
    expect((await h.pay(payuProfile.redirect)).status).toBe(201)
    expect(await revokeTokens(h.account.merchant)).toEqual({ revoked: 1 })
    const res = await h.pay(payuProfile.redirect)
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body.redirectUrl).toMatch(/\/payu\/pay\/\?orderId=/)
    expect((await countersOf(h.account)).token).toBe(2)
  })

  it('keeps no credential and no token in the provider log', async () => {
    const h = await harnessFor(payuProfile)
    await h.paid()
    const logs = await env.DB.prepare(
      'SELECT request, response FROM provider_logs WHERE tenant_id = ? AND provider = ?'
    )
      .bind(h.tenant.tenantId, 'payu')
      .all<{ request: string | null; response: string | null }>()
    expect(logs.results.length).toBeGreaterThan(0)
    const text = JSON.stringify(logs.results)
    for (const { key, value } of h.account.configs) {
      if (key !== 'posId') expect(text).not.toContain(value)
    }
    expect(text).not.toMatch(/"access_token":"[0-9a-f-]{36}"/)
  })
})
