/**
 * Attacks on access tokens, through the Worker's own fetch against real authenticated routes: a
 * user route (`GET /v1/config/tenant`) and two payment routes (list, and a sandbox create that
 * would move money). Every forged, altered or misplaced credential must answer 401 with the
 * gateway's stable error code, a request id and nothing else; none may reach a handler.
 *
 * The gateway has no JWKS endpoint: its public keys live in D1 (`signing_keys.public_jwk`) and
 * KV. The key-confusion cases read the public JWK from there and treat it as published, since
 * the attack only assumes the attacker knows the public key.
 *
 * Basic cases (alg none with a lower-case `none`, HS256 over the stored JWK text, an attacker's
 * key under the current kid, an edited role, a syntactically valid unknown kid, wrong iss/aud/typ)
 * live in `auth.security.test.ts`; this suite covers their variants and the rest.
 */
import { env, exports } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { tokenIssuerFor } from '../../src/auth/access-tokens'
import { startSession } from '../../src/auth/sessions'
import { currentSigner } from '../../src/auth/signing-keys'
import { toBase64Url } from '../../src/crypto/encoding'
import {
  attackerKeyPair,
  type Claims,
  compactJws,
  derEcdsaSignature,
  es256,
  type HmacAlg,
  highS,
  hmac,
  publicKeySerialisations,
  segment,
  withSpareBitSet,
} from '../helpers/forged-jwt'
import { call, type ErrorBody, GATEWAY, nextIp } from '../helpers/http'
import { createPayingTenant, pay, paymentBody } from '../helpers/payments'
import { createApiKey, createTestTenant, signingDeps, type TestTenant } from '../helpers/tenant'

const issuer = tokenIssuerFor(env.APP_URL)
const nowSeconds = () => Math.floor(Date.now() / 1000)

const ATTACKED_ROUTES = [
  { method: 'GET', path: '/v1/config/tenant' },
  { method: 'GET', path: '/v1/payments' },
  { method: 'POST', path: '/v1/payments/sandbox', body: JSON.stringify(paymentBody()) },
] as const

/** One request with exactly these headers (`call` cannot send a header twice). */
async function send(route: (typeof ATTACKED_ROUTES)[number], headers: Headers) {
  const body = 'body' in route ? route.body : undefined
  if (body) headers.set('Content-Type', 'application/json')
  const res = await exports.default.fetch(`${GATEWAY}${route.path}`, {
    method: route.method,
    headers,
    body,
  })
  return { status: res.status, headers: res.headers, body: await res.json<ErrorBody>() }
}

const bearer = (token: string) => new Headers({ Authorization: `Bearer ${token}` })

/** Refused on every attacked route: 401, the given code, a request id, a challenge, no data. */
async function expectRefused(headers: Headers | string, code = 'unauthorized') {
  for (const route of ATTACKED_ROUTES) {
    const res = await send(
      route,
      typeof headers === 'string' ? bearer(headers) : new Headers(headers)
    )
    const where = `${route.method} ${route.path}`
    expect(res.status, where).toBe(401)
    expect(res.body.success, where).toBe(false)
    expect(res.body.error.code, where).toBe(code)
    expect(res.body.error.requestId, where).toBeTruthy()
    expect(Object.keys(res.body).sort(), where).toEqual(['error', 'success'])
    expect(res.headers.get('WWW-Authenticate'), where).toMatch(/^Bearer realm="gopay-edge"/)
  }
}

/** The tenant's own valid token still works and sees no payment: no refused call made one. */
async function expectNothingCreated(tenant: TestTenant) {
  const list = await call<{ data: unknown[] }>('GET', '/v1/payments', { token: tenant.token })
  expect(list.status).toBe(200)
  expect(list.body.data).toEqual([])
}

const claimsOf = (tenant: TestTenant, overrides: Claims = {}): Claims => ({
  iss: issuer.issuer,
  aud: issuer.audience,
  sub: tenant.userId,
  tid: tenant.tenantId,
  role: 'tenant',
  iat: nowSeconds(),
  exp: nowSeconds() + 600,
  ...overrides,
})

/** Signed with the gateway's own current key: only the header or claims given are off. */
async function gatewaySigned(tenant: TestTenant, claims: Claims = {}, header: Claims = {}) {
  const signer = await currentSigner(await signingDeps())
  return compactJws(
    { alg: 'ES256', typ: 'at+jwt', kid: signer.kid, ...header },
    claimsOf(tenant, claims),
    es256(signer.key)
  )
}

const refresh = (refreshToken: string) =>
  call<ErrorBody>('POST', '/v1/auth/refresh', { body: { refreshToken }, ip: nextIp() })

const withoutClaim = (tenant: TestTenant, name: string) => {
  const { [name]: _dropped, ...rest } = claimsOf(tenant)
  return rest
}

describe('the forging harness', () => {
  it('makes tokens the gateway accepts when nothing is off, so every refusal below is meaningful', async () => {
    const tenant = await createPayingTenant()
    const token = await gatewaySigned(tenant)
    for (const route of ATTACKED_ROUTES) {
      expect((await send(route, bearer(token))).status).toBeLessThan(300)
    }
  })
})

describe('unsigned tokens (alg none)', () => {
  it.each(['none', 'None', 'NONE', 'nOnE'])(
    'refuses alg %s with and without the trailing dot, and with a real signature kept',
    async (alg) => {
      const tenant = await createPayingTenant()
      const { kid } = await currentSigner(await signingDeps())
      const payload = segment(claimsOf(tenant, { role: 'admin' }))
      const header = segment({ alg, typ: 'at+jwt', kid })
      const genuineSignature = (await gatewaySigned(tenant, { role: 'admin' })).split('.')[2]
      await expectRefused(`${header}.${payload}.`)
      await expectRefused(`${header}.${payload}`)
      await expectRefused(`${header}.${payload}.${genuineSignature}`)
      await expectRefused(`${segment({ alg })}.${payload}.`)
      await expectNothingCreated(tenant)
    }
  )
})

describe('key confusion: HMAC keyed with the published public key', () => {
  it.each<HmacAlg>(['HS256', 'HS384', 'HS512'])(
    'refuses %s over every common serialisation of the public JWK',
    async (alg) => {
      const tenant = await createPayingTenant()
      const { kid } = await currentSigner(await signingDeps())
      const row = await env.DB.prepare('SELECT public_jwk FROM signing_keys WHERE kid = ?')
        .bind(kid)
        .first<{ public_jwk: string }>()
      const forms = await publicKeySerialisations(row!.public_jwk, kid)
      expect(Object.keys(forms).length).toBeGreaterThanOrEqual(10)
      for (const secret of Object.values(forms)) {
        const header = { alg, typ: 'at+jwt', kid }
        await expectRefused(await compactJws(header, claimsOf(tenant), hmac(alg, secret)))
      }
      await expectNothingCreated(tenant)
    }
  )
})

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

describe('tampering', () => {
  it('refuses a payload edited to another tenant, user or admin, the signature kept', async () => {
    const [victim, attacker] = await Promise.all([createPayingTenant(), createPayingTenant()])
    const [header, , signature] = (await gatewaySigned(attacker)).split('.')
    for (const edit of [
      { tid: victim.tenantId },
      { tid: victim.tenantId, sub: victim.userId },
      { role: 'admin' },
    ]) {
      await expectRefused(`${header}.${segment(claimsOf(attacker, edit))}.${signature}`)
    }
    await expectNothingCreated(victim)
  })

  it('refuses an edited header: typ, alg, kid, crit, b64', async () => {
    const tenant = await createTestTenant()
    const { kid } = await currentSigner(await signingDeps())
    const nextKid = (await env.DB.prepare(
      "SELECT kid FROM signing_keys WHERE state = 'next'"
    ).first<{
      kid: string
    }>())!.kid
    const [, payload, signature] = (await gatewaySigned(tenant)).split('.')
    for (const header of [
      { alg: 'ES256', typ: 'JWT', kid },
      { alg: 'ES384', typ: 'at+jwt', kid },
      { alg: 'ES512', typ: 'at+jwt', kid },
      { alg: 'RS256', typ: 'at+jwt', kid },
      { alg: 'PS256', typ: 'at+jwt', kid },
      { alg: 'EdDSA', typ: 'at+jwt', kid },
      { alg: 'ES256', typ: 'at+jwt', kid: nextKid },
      { alg: 'ES256', typ: 'at+jwt', kid, crit: ['exp'] },
      { alg: 'ES256', typ: 'at+jwt', kid, b64: false, crit: ['b64'] },
    ]) {
      await expectRefused(`${segment(header)}.${payload}.${signature}`)
    }
  })

  it('refuses a truncated, extended, empty, zeroed or DER-encoded signature', async () => {
    const tenant = await createTestTenant()
    const token = await gatewaySigned(tenant)
    const [header, payload, signature] = token.split('.') as [string, string, string]
    const der = derEcdsaSignature(signature)
    for (const forged of [
      signature.slice(0, -1),
      signature.slice(0, 43),
      `${signature}A`,
      `${signature}AA`,
      '',
      toBase64Url(new Uint8Array(64)),
      der,
    ]) {
      await expectRefused(`${header}.${payload}.${forged}`)
    }
    await expectRefused(`${token}.${signature}`) // a fourth segment
  })

  it("refuses an attacker's key under the gateway's current and next kids", async () => {
    const tenant = await createTestTenant()
    const attacker = await attackerKeyPair()
    const { kid } = await currentSigner(await signingDeps())
    const rows = await env.DB.prepare('SELECT kid FROM signing_keys').all<{ kid: string }>()
    expect(rows.results.map((r) => r.kid)).toContain(kid)
    for (const row of rows.results) {
      const header = { alg: 'ES256', typ: 'at+jwt', kid: row.kid }
      await expectRefused(await compactJws(header, claimsOf(tenant), es256(attacker.privateKey)))
    }
  })

  // Not a forgery: the signed bytes and claims are unchanged. It means a token's string is not
  // unique (ECDSA's (r, n − s) alone guarantees that), so no denylist or cache may key on it.
  it('accepts the same signature written another way: base64 padding, spare bits, ECDSA high-S', async () => {
    const tenant = await createTestTenant()
    const [header, payload, signature] = tenant.token.split('.') as [string, string, string]
    for (const reencoded of [`${signature}==`, withSpareBitSet(signature), highS(signature)]) {
      expect(reencoded).not.toBe(signature)
      const res = await call('GET', '/v1/config/tenant', {
        token: `${header}.${payload}.${reencoded}`,
      })
      expect(res.status).toBe(200)
    }
  })
})

describe('kid and key-locating headers', () => {
  it('refuses a missing kid and kids with traversal, SQL, wildcards or the wrong type', async () => {
    const tenant = await createTestTenant()
    const signer = await currentSigner(await signingDeps())
    const sign = (header: Claims) =>
      compactJws({ alg: 'ES256', typ: 'at+jwt', ...header }, claimsOf(tenant), es256(signer.key))
    await expectRefused(await sign({}))
    for (const kid of [
      '',
      '../../../../etc/passwd',
      `../${signer.kid}`,
      `${signer.kid}/../${signer.kid}`,
      `${signer.kid}' --`,
      "' OR '1'='1",
      `x' UNION SELECT public_jwk FROM signing_keys WHERE kid='${signer.kid}`,
      '"; DROP TABLE signing_keys; --',
      `${signer.kid}\u0000`,
      ` ${signer.kid}`,
      signer.kid.toLowerCase(),
      'current',
      '*',
      '%',
      '__proto__',
      'x'.repeat(10_000),
      0,
      [signer.kid],
      { kid: signer.kid },
    ]) {
      await expectRefused(await sign({ kid }))
    }
    const keys = await env.DB.prepare('SELECT COUNT(*) AS n FROM signing_keys').first<{
      n: number
    }>()
    expect(keys!.n).toBeGreaterThanOrEqual(2) // the key table is untouched
  })

  it('trusts no key the token brings along: jwk, jku, x5u, x5c', async () => {
    const tenant = await createTestTenant()
    const attacker = await attackerKeyPair()
    const { kid } = await currentSigner(await signingDeps())
    const attackerKid = 'attacker-key'
    const jwk = { ...attacker.publicJwk, kid: attackerKid }
    for (const header of [
      { jwk },
      { jwk, kid },
      { jwk, kid: attackerKid },
      { jku: 'https://attacker.example/jwks.json', kid: attackerKid },
      { jku: `${env.APP_URL}/.well-known/jwks.json`, kid },
      { x5u: 'https://attacker.example/cert.pem', kid: attackerKid },
      { x5c: ['MIIBattacker'], kid },
    ]) {
      const full = { alg: 'ES256', typ: 'at+jwt', ...header }
      await expectRefused(await compactJws(full, claimsOf(tenant), es256(attacker.privateKey)))
    }
  })
})

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
