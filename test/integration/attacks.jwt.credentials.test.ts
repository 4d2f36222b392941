/**
 * Valid credentials in the wrong place or the wrong state, through the Worker's own fetch against
 * real authenticated routes (the routes and the refusal checked are in
 * `../helpers/jwt-attacks.ts`): a refresh token or API key where the other credential belongs,
 * API-key prefix games, tokens of users and tenants suspended or deleted after issue, another
 * tenant's payment, and a malformed, doubled, misplaced or oversized Authorization header. A
 * refused credential answers 401 (403 `account_suspended` for a suspended or deleted account)
 * with the gateway's stable error code and nothing else; none may reach a handler.
 *
 * Forged tokens are in `attacks.jwt.forgery.test.ts`, wrong claims in `attacks.jwt.claims.test.ts`.
 */
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { startSession } from '../../src/auth/sessions'
import { currentSigner } from '../../src/auth/signing-keys'
import { attackerKeyPair, compactJws, es256 } from '../helpers/forged-jwt'
import { call, type ErrorBody, nextIp } from '../helpers/http'
import {
  ATTACKED_ROUTES,
  bearer,
  claimsOf,
  expectRefused,
  issuer,
  send,
} from '../helpers/jwt-attacks'
import { createPayingTenant, pay } from '../helpers/payments'
import { createApiKey, createTestTenant, signingDeps, type TestTenant } from '../helpers/tenant'

const refresh = (refreshToken: string) =>
  call<ErrorBody>('POST', '/v1/auth/refresh', { body: { refreshToken }, ip: nextIp() })

describe('the wrong kind of credential', () => {
  it('refuses a refresh token presented as an access token', async () => {
    const tenant = await createTestTenant()
    const session = await startSession(await signingDeps(), issuer, {
      id: tenant.userId,
      tenantId: tenant.tenantId,
      role: 'tenant',
    })
    await expectRefused(session.refreshToken)
  })

  it('spends no access token or API key as a refresh token', async () => {
    const tenant = await createTestTenant()
    const { key } = await createApiKey(tenant)
    // An access token is longer than any refresh token: the schema refuses it before any lookup.
    const asAccessToken = await refresh(tenant.token)
    expect(asAccessToken.status).toBe(400)
    expect(asAccessToken.body.error.code).toBe('invalid_request')
    const asApiKey = await refresh(key)
    expect(asApiKey.status).toBe(401)
    expect(asApiKey.body.error.code).toBe('invalid_refresh_token')
    expect((await call('GET', '/v1/config/tenant', { token: tenant.token })).status).toBe(200)
  })

  it('refuses API-key prefix games: swapped mode, wrong case, extra or missing characters, a JWT behind the prefix', async () => {
    const tenant = await createTestTenant()
    const { key } = await createApiKey(tenant)
    const secret = key.slice('gpk_test_'.length)
    for (const forged of [
      `gpk_live_${secret}`,
      `GPK_TEST_${secret}`,
      `gpk_Test_${secret}`,
      `gpk_test_${secret}x`,
      key.slice(0, -1),
      `gpk_test_gpk_test_${secret}`,
      `gpk_${secret}`,
      'gpk_test_',
      `gpk_test_${tenant.token}`,
      `gprt_${secret}`,
    ]) {
      await expectRefused(forged)
    }
  })
})

/** The gateway has one administrator (a unique index), made once for this file. */
let administrator: Promise<TestTenant> | undefined
const admin = () => {
  administrator ??= createTestTenant('admin')
  return administrator
}

const suspend = async (path: string) => {
  const res = await call('PUT', `/v1/admin/${path}/suspension`, { token: (await admin()).token })
  expect(res.status).toBe(200)
}

/** How an operator deletes a user: its refresh tokens first (D1 enforces the foreign key). */
async function deleteUserInD1(userId: string) {
  await env.DB.batch([
    env.DB.prepare('DELETE FROM refresh_tokens WHERE user_id = ?').bind(userId),
    env.DB.prepare('DELETE FROM users WHERE id = ?').bind(userId),
  ])
}

async function signedInUser() {
  const tenant = await createPayingTenant()
  const { refreshToken } = await startSession(await signingDeps(), issuer, {
    id: tenant.userId,
    tenantId: tenant.tenantId,
    role: 'tenant',
  })
  return { tenant, refreshToken }
}

async function expectSuspended(token: string) {
  for (const route of ATTACKED_ROUTES) {
    const res = await send(route, bearer(token))
    expect(res.status, route.path).toBe(403)
    expect(res.body.error.code, route.path).toBe('account_suspended')
    expect(Object.keys(res.body).sort(), route.path).toEqual(['error', 'success'])
  }
}

describe('accounts that changed after the token was issued', () => {
  it("refuses a suspended user's and a suspended tenant's unexpired tokens with 403 account_suspended", async () => {
    const [user, tenant] = await Promise.all([createPayingTenant(), createPayingTenant()])
    await suspend(`users/${user.userId}`)
    await suspend(`tenants/${tenant.tenantId}`)
    await expectSuspended(user.token)
    await expectSuspended(tenant.token)
  })

  it('cuts off at once a user an operator suspends, then deletes in D1 (there is no delete route)', async () => {
    const { tenant, refreshToken } = await signedInUser()
    await suspend(`users/${tenant.userId}`)
    await deleteUserInD1(tenant.userId)
    await expectSuspended(tenant.token)
    const refreshed = await refresh(refreshToken)
    expect(refreshed.status).toBe(401)
    expect(refreshed.body.error.code).toBe('invalid_refresh_token')
  })

  it('refuses a user the administrator deleted: its unexpired access token at once, and its refresh', async () => {
    const { tenant, refreshToken } = await signedInUser()
    const administrator = await admin()
    const deleted = await call('DELETE', `/v1/admin/users/${tenant.userId}`, {
      token: administrator.token,
    })
    expect(deleted.status).toBe(200)
    await expectSuspended(tenant.token)
    expect((await refresh(refreshToken)).status).toBe(401)
    const row = await env.DB.prepare('SELECT id FROM users WHERE id = ?')
      .bind(tenant.userId)
      .first()
    expect(row).toBeNull()
  })

  it("answers 404 when tenant A's valid token asks for tenant B's payment", async () => {
    const [a, b] = await Promise.all([createPayingTenant(), createPayingTenant()])
    const paid = await pay(b)
    expect(paid.status).toBe(201)
    const res = await call<ErrorBody>('GET', `/v1/payments/sandbox/${paid.body.paymentId}`, {
      token: a.token,
    })
    expect(res.status).toBe(404)
    expect(res.body.error.code).toBe('not_found')
  })
})

describe('the Authorization header itself', () => {
  it('refuses two Authorization headers, whichever of them is valid', async () => {
    const tenant = await createTestTenant()
    const forged = await compactJws(
      { alg: 'none', typ: 'at+jwt' },
      claimsOf(tenant, { role: 'admin' }),
      async () => new Uint8Array()
    )
    for (const pair of [
      [tenant.token, forged],
      [forged, tenant.token],
      [tenant.token, tenant.token],
    ]) {
      const headers = new Headers()
      for (const token of pair) headers.append('Authorization', `Bearer ${token}`)
      await expectRefused(headers)
    }
  })

  it('accepts only the `Bearer` scheme (in any case, as RFC 7235 has it), followed by spaces', async () => {
    const tenant = await createTestTenant()
    for (const value of [
      `Bearer\t${tenant.token}`,
      `Bearer:${tenant.token}`,
      `Bearer${tenant.token}`,
      `Bearer ${tenant.token} ${tenant.token}`,
      `Bearer ${tenant.token},`,
      `Token ${tenant.token}`,
      tenant.token,
      'Bearer',
      'Bearer ',
    ]) {
      await expectRefused(new Headers({ Authorization: value }))
    }
    for (const value of [
      `Bearer   ${tenant.token}  `,
      `bearer ${tenant.token}`,
      `BEARER ${tenant.token}`,
    ]) {
      const accepted = await call('GET', '/v1/config/tenant', { headers: { Authorization: value } })
      expect(accepted.status, value).toBe(200)
    }
  })

  it('takes no token from the query string', async () => {
    const tenant = await createTestTenant()
    const res = await call<ErrorBody>('GET', `/v1/config/tenant?access_token=${tenant.token}`)
    expect(res.status).toBe(401)
    expect(res.body.error.code).toBe('unauthorized')
  })

  it('answers a clean 401 to 100 KB tokens: junk, a JWT with a huge kid, a huge signed payload', async () => {
    const tenant = await createTestTenant()
    const attacker = await attackerKeyPair()
    const size = 100 * 1024
    const bigKid = { alg: 'ES256', typ: 'at+jwt', kid: 'k'.repeat(size) }
    const bigClaims = claimsOf(tenant, { pad: 'p'.repeat(size) })
    const { kid } = await currentSigner(await signingDeps())
    const sign = es256(attacker.privateKey)
    for (const token of [
      'a'.repeat(size),
      '.'.repeat(size),
      `${'a'.repeat(size)}!`,
      await compactJws(bigKid, claimsOf(tenant), sign),
      await compactJws({ alg: 'ES256', typ: 'at+jwt', kid }, bigClaims, sign),
    ]) {
      expect(token.length).toBeGreaterThanOrEqual(size)
      await expectRefused(token)
    }
    await expectRefused(new Headers({ Authorization: `Bearer ${' '.repeat(size)}x` }))
  })
})
