/**
 * GoPay CZ's OAuth2 tokens through the gateway: one token serves many payments (the gateway caches
 * it per tenant, environment and scope), and a token GoPay revoked early is fetched again once.
 */
import { describe, expect, it } from 'vitest'
import { gopayProfile } from '../conformance/gopay'
import { harnessFor } from '../conformance/harness'
import { countersOf, SIMULATORS_ORIGIN } from '../conformance/simulators'

const revokeTokens = async (merchant: string) => {
  const res = await fetch(`${SIMULATORS_ORIGIN}/gopay/__sim/revoke_tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ merchant }),
  })
  return res.json<{ revoked: number }>()
}

describe('GoPay OAuth tokens', () => {
  it('asks GoPay for one token for twenty payments in a row', async () => {
    const h = await harnessFor(gopayProfile)
    for (let i = 0; i < 20; i++) {
      const res = await h.pay(gopayProfile.redirect)
      expect(res.status, JSON.stringify(res.body)).toBe(201)
      expect(res.body.status).toBe('pending')
    }
    expect((await countersOf(h.account)).token).toBe(1)
  })

  it('fetches a new token once when GoPay refuses the cached one, and the call succeeds', async () => {
    const h = await harnessFor(gopayProfile)
    expect((await h.pay(gopayProfile.redirect)).status).toBe(201)
    expect(await revokeTokens(h.account.merchant)).toEqual({ revoked: 1 })
    const res = await h.pay(gopayProfile.redirect)
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body.status).toBe('pending')
    expect((await countersOf(h.account)).token).toBe(2)
  })
})
