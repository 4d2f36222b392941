/**
 * Access tokens signed with the gateway's own key whose claims are wrong, through the Worker's own
 * fetch against real authenticated routes (the routes and the refusal checked are in
 * `../helpers/jwt-attacks.ts`): expired beyond the 30 s skew, `nbf` or `iat` ahead, times of the
 * wrong type, near-miss issuers and audiences, a required claim missing, claims of the wrong
 * shape. Every one must answer 401 with the gateway's stable error code, a request id and nothing
 * else; none may reach a handler.
 *
 * The basic wrong iss and aud cases live in `auth.security.test.ts`; forged signatures and
 * headers are in `attacks.jwt.forgery.test.ts`.
 */
import { describe, expect, it } from 'vitest'
import { currentSigner } from '../../src/auth/signing-keys'
import { compactJws, es256 } from '../helpers/forged-jwt'
import { call } from '../helpers/http'
import { claimsOf, expectRefused, gatewaySigned, issuer, nowSeconds } from '../helpers/jwt-attacks'
import { createTestTenant, signingDeps, type TestTenant } from '../helpers/tenant'

const withoutClaim = (tenant: TestTenant, name: string) => {
  const { [name]: _dropped, ...rest } = claimsOf(tenant)
  return rest
}

describe('time claims (the gateway tolerates 30 s of clock skew)', () => {
  it('accepts a token 15 s past exp, inside the tolerance', async () => {
    const tenant = await createTestTenant()
    const token = await gatewaySigned(tenant, {
      iat: nowSeconds() - 600,
      exp: nowSeconds() - 15,
    })
    expect((await call('GET', '/v1/config/tenant', { token })).status).toBe(200)
  })

  it('refuses as token_expired a token 45 s and a day past exp', async () => {
    const tenant = await createTestTenant()
    for (const late of [45, 86_400]) {
      const token = await gatewaySigned(tenant, {
        iat: nowSeconds() - late - 600,
        exp: nowSeconds() - late,
      })
      await expectRefused(token, 'token_expired')
    }
  })

  it('refuses nbf beyond the tolerance, iat in the future, and non-numeric times', async () => {
    const tenant = await createTestTenant()
    const later = nowSeconds() + 120
    await expectRefused(await gatewaySigned(tenant, { nbf: later }))
    await expectRefused(await gatewaySigned(tenant, { iat: later, exp: later + 600 }))
    await expectRefused(await gatewaySigned(tenant, { iat: nowSeconds() + 10 * 365 * 86_400 }))
    await expectRefused(await gatewaySigned(tenant, { exp: String(nowSeconds() + 600) }))
    await expectRefused(await gatewaySigned(tenant, { iat: String(nowSeconds()) }))
  })
})

describe('issuer, audience and subject', () => {
  it('refuses near-miss issuers and audiences', async () => {
    const tenant = await createTestTenant()
    for (const iss of [`${issuer.issuer}/`, issuer.audience, `${issuer.issuer}.evil.example`]) {
      await expectRefused(await gatewaySigned(tenant, { iss }))
    }
    for (const aud of [issuer.issuer, `${issuer.audience}/`, ['https://other.example/v1']]) {
      await expectRefused(await gatewaySigned(tenant, { aud }))
    }
  })

  it.each(['iss', 'aud', 'sub', 'exp', 'iat', 'tid', 'role'])(
    'refuses a gateway-signed token without %s',
    async (claim) => {
      const tenant = await createTestTenant()
      const signer = await currentSigner(await signingDeps())
      const header = { alg: 'ES256', typ: 'at+jwt', kid: signer.kid }
      await expectRefused(await compactJws(header, withoutClaim(tenant, claim), es256(signer.key)))
    }
  )

  it('refuses claims of the wrong shape: an unknown role, a non-string tenant or subject', async () => {
    const tenant = await createTestTenant()
    await expectRefused(await gatewaySigned(tenant, { role: 'superadmin' }))
    await expectRefused(await gatewaySigned(tenant, { tid: [tenant.tenantId] }))
    await expectRefused(await gatewaySigned(tenant, { sub: { id: tenant.userId } }))
  })
})
