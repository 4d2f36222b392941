/**
 * Shared by the `attacks.jwt.*` suites: the authenticated routes every forged credential is tried
 * against (a user route, `GET /v1/config/tenant`, and two payment routes, list and a sandbox create
 * that would move money), the check that a credential is refused on all of them, and tokens signed
 * with the gateway's own current key with only the header or claims given changed.
 */
import { env, exports } from 'cloudflare:workers'
import { expect } from 'vitest'
import { tokenIssuerFor } from '../../src/auth/access-tokens'
import { currentSigner } from '../../src/auth/signing-keys'
import { type Claims, compactJws, es256 } from './forged-jwt'
import { call, type ErrorBody, GATEWAY } from './http'
import { paymentBody } from './payments'
import { signingDeps, type TestTenant } from './tenant'

export const issuer = tokenIssuerFor(env.APP_URL)
export const nowSeconds = () => Math.floor(Date.now() / 1000)

export const ATTACKED_ROUTES = [
  { method: 'GET', path: '/v1/config/tenant' },
  { method: 'GET', path: '/v1/payments' },
  { method: 'POST', path: '/v1/payments/sandbox', body: JSON.stringify(paymentBody()) },
] as const

/** One request with exactly these headers (`call` cannot send a header twice). */
export async function send(route: (typeof ATTACKED_ROUTES)[number], headers: Headers) {
  const body = 'body' in route ? route.body : undefined
  if (body) headers.set('Content-Type', 'application/json')
  const res = await exports.default.fetch(`${GATEWAY}${route.path}`, {
    method: route.method,
    headers,
    body,
  })
  return { status: res.status, headers: res.headers, body: await res.json<ErrorBody>() }
}

export const bearer = (token: string) => new Headers({ Authorization: `Bearer ${token}` })

/** Refused on every attacked route: 401, the given code, a request id, a challenge, no data. */
export async function expectRefused(headers: Headers | string, code = 'unauthorized') {
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
export async function expectNothingCreated(tenant: TestTenant) {
  const list = await call<{ data: unknown[] }>('GET', '/v1/payments', { token: tenant.token })
  expect(list.status).toBe(200)
  expect(list.body.data).toEqual([])
}

export const claimsOf = (tenant: TestTenant, overrides: Claims = {}): Claims => ({
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
export async function gatewaySigned(tenant: TestTenant, claims: Claims = {}, header: Claims = {}) {
  const signer = await currentSigner(await signingDeps())
  return compactJws(
    { alg: 'ES256', typ: 'at+jwt', kid: signer.kid, ...header },
    claimsOf(tenant, claims),
    es256(signer.key)
  )
}
