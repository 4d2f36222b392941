import { env } from 'cloudflare:workers'
import { generateKeyPair, SignJWT } from 'jose'
import { describe, expect, it } from 'vitest'
import { tokenIssuerFor } from '../../src/auth/access-tokens'
import { REFRESH_REUSE_WINDOW_MS, rotateRefreshToken } from '../../src/auth/refresh-tokens'
import {
  currentSigner,
  rotateSigningKeysIfDue,
  SIGNING_KEY_ROTATION_MS,
} from '../../src/auth/signing-keys'
import { toBase64Url, utf8 } from '../../src/crypto/encoding'
import { sha256Hex } from '../../src/crypto/hash'
import { createDb } from '../../src/db/client'
import { listSigningKeys } from '../../src/db/repos/signing-keys'
import { call, type ErrorBody, nextIp } from '../helpers/http'
import { createTestTenant, signingDeps } from '../helpers/tenant'

const issuer = tokenIssuerFor(env.APP_URL)
const PROTECTED = '/v1/auth/api-keys'

async function claimsFor() {
  const tenant = await createTestTenant()
  return { tenant, claims: { tid: tenant.tenantId, role: 'tenant' } }
}

async function sign(
  claims: Record<string, unknown>,
  options: {
    key?: CryptoKey
    kid?: string
    typ?: string
    iss?: string
    aud?: string
    exp?: number
    iat?: number
  } = {}
) {
  const signer = await currentSigner(await signingDeps())
  const now = Math.floor(Date.now() / 1000)
  return new SignJWT(claims)
    .setProtectedHeader({
      alg: 'ES256',
      typ: options.typ ?? 'at+jwt',
      kid: options.kid ?? signer.kid,
    })
    .setIssuer(options.iss ?? issuer.issuer)
    .setAudience(options.aud ?? issuer.audience)
    .setSubject('usr_test')
    .setIssuedAt(options.iat ?? now)
    .setExpirationTime(options.exp ?? now + 600)
    .sign(options.key ?? signer.key)
}

const unsigned = (header: object, payload: object) =>
  `${toBase64Url(utf8(JSON.stringify(header)))}.${toBase64Url(utf8(JSON.stringify(payload)))}`

async function expectRejected(token: string, code = 'unauthorized') {
  const res = await call<ErrorBody>('GET', PROTECTED, { token })
  expect(res.status).toBe(401)
  expect(res.body.error.code).toBe(code)
  expect(res.headers.get('WWW-Authenticate')).toContain('Bearer')
  return res.body.error.message
}

describe('access tokens', () => {
  it('accepts a token the gateway signed', async () => {
    const { claims } = await claimsFor()
    const res = await call('GET', PROTECTED, { token: await sign(claims) })
    expect(res.status).toBe(200)
  })

  it('rejects an expired token as token_expired, pointing at the refresh route', async () => {
    const { claims } = await claimsFor()
    const now = Math.floor(Date.now() / 1000)
    const message = await expectRejected(
      await sign(claims, { iat: now - 1000, exp: now - 60 }),
      'token_expired'
    )
    expect(message).toContain('/v1/auth/refresh')
  })

  it('rejects a token older than its lifetime even with a far expiry', async () => {
    const { claims } = await claimsFor()
    const now = Math.floor(Date.now() / 1000)
    await expectRejected(await sign(claims, { iat: now - 3600, exp: now + 3600 }), 'token_expired')
  })

  it('calls an expired token signed by another key unauthorized, not expired', async () => {
    const { claims } = await claimsFor()
    const { privateKey } = await generateKeyPair('ES256')
    const now = Math.floor(Date.now() / 1000)
    await expectRejected(await sign(claims, { iat: now - 1000, exp: now - 60, key: privateKey }))
  })

  it('rejects a token signed by another key under our kid (forged)', async () => {
    const { claims } = await claimsFor()
    const { privateKey } = await generateKeyPair('ES256')
    await expectRejected(await sign(claims, { key: privateKey }))
  })

  it('rejects alg none', async () => {
    const { tenant } = await claimsFor()
    const signer = await currentSigner(await signingDeps())
    const now = Math.floor(Date.now() / 1000)
    const payload = {
      iss: issuer.issuer,
      aud: issuer.audience,
      sub: tenant.userId,
      tid: tenant.tenantId,
      role: 'admin',
      iat: now,
      exp: now + 600,
    }
    await expectRejected(`${unsigned({ alg: 'none', typ: 'at+jwt', kid: signer.kid }, payload)}.`)
  })

  it('rejects HS256 signed with the public key (key confusion)', async () => {
    const { tenant } = await claimsFor()
    const signer = await currentSigner(await signingDeps())
    const rows = await listSigningKeys((await signingDeps()).db)
    const publicJwk = rows.find((r) => r.kid === signer.kid)!.publicJwk
    const now = Math.floor(Date.now() / 1000)
    const token = await new SignJWT({ tid: tenant.tenantId, role: 'admin' })
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', kid: signer.kid })
      .setIssuer(issuer.issuer)
      .setAudience(issuer.audience)
      .setSubject(tenant.userId)
      .setIssuedAt(now)
      .setExpirationTime(now + 600)
      .sign(utf8(publicJwk))
    await expectRejected(token)
  })

  it('rejects the wrong audience, the wrong issuer and the wrong type', async () => {
    const { claims } = await claimsFor()
    await expectRejected(await sign(claims, { aud: 'https://other.example/v1' }))
    await expectRejected(await sign(claims, { iss: 'https://evil.example' }))
    await expectRejected(await sign(claims, { typ: 'JWT' }))
  })

  it('rejects an unknown kid and a token without a tenant', async () => {
    const { claims } = await claimsFor()
    await expectRejected(await sign(claims, { kid: 'sk_01JUNKJUNKJUNKJUNKJUNKJUNK' }))
    await expectRejected(await sign({ role: 'tenant' }))
  })

  it('rejects a token whose payload was edited to claim admin', async () => {
    const { claims } = await claimsFor()
    const [header, , signature] = (await sign(claims)).split('.')
    const forgedPayload = toBase64Url(utf8(JSON.stringify({ ...claims, role: 'admin' })))
    await expectRejected(`${header}.${forgedPayload}.${signature}`)
  })

  it('rejects garbage and the wrong scheme', async () => {
    await expectRejected('not-a-token')
    const res = await call<ErrorBody>('GET', PROTECTED, {
      headers: { Authorization: 'Basic YWRtaW46cGFzcw==' },
    })
    expect(res.status).toBe(401)
  })

  it('keeps tokens valid across a rotation and drops keys two rotations old', async () => {
    const { claims } = await claimsFor()
    const token = await sign(claims)
    const deps = await signingDeps()
    const later = { ...deps, now: () => Date.now() + SIGNING_KEY_ROTATION_MS + 1 }
    expect(await rotateSigningKeysIfDue(later)).toBe(true)
    expect((await call('GET', PROTECTED, { token })).status).toBe(200)
    const fresh = await sign(claims)
    expect(fresh.split('.')[0]).not.toBe(token.split('.')[0])
    expect((await call('GET', PROTECTED, { token: fresh })).status).toBe(200)

    const muchLater = { ...deps, now: () => Date.now() + 2 * SIGNING_KEY_ROTATION_MS + 2 }
    expect(await rotateSigningKeysIfDue(muchLater)).toBe(true)
    await expectRejected(token)
  })

  it('does not rotate before the period is over', async () => {
    expect(await rotateSigningKeysIfDue(await signingDeps())).toBe(false)
  })
})

describe('refresh tokens', () => {
  const ip = nextIp()

  async function session() {
    const tenant = await createTestTenant()
    const { startSession } = await import('../../src/auth/sessions')
    return startSession(await signingDeps(), issuer, {
      id: tenant.userId,
      tenantId: tenant.tenantId,
      role: 'tenant',
    })
  }

  it('rotates on every use, and a spent token revokes its whole family', async () => {
    const first = await session()
    const second = await call<{ refreshToken: string }>('POST', '/v1/auth/refresh', {
      body: { refreshToken: first.refreshToken },
      ip,
    })
    expect(second.status).toBe(200)
    // Past the reuse window, where presenting the spent token again is a reuse.
    await env.DB.prepare('UPDATE refresh_tokens SET used_at = used_at - ? WHERE token_hash = ?')
      .bind(REFRESH_REUSE_WINDOW_MS + 1, await sha256Hex(first.refreshToken))
      .run()

    const replay = await call<ErrorBody>('POST', '/v1/auth/refresh', {
      body: { refreshToken: first.refreshToken },
      ip,
    })
    expect(replay.status).toBe(401)
    expect(replay.body.error.code).toBe('invalid_refresh_token')

    const sibling = await call('POST', '/v1/auth/refresh', {
      body: { refreshToken: second.body.refreshToken },
      ip,
    })
    expect(sibling.status).toBe(401)
  })

  it('gives no live token to a family revoked while its refresh was under way', async () => {
    const first = await session()
    // The real D1, with the thief's replay landing between the owner's claim and the new token,
    // after the reuse window (the owner's exchange is dated back past it).
    const interleaved = new Proxy(env.DB, {
      get(target, property) {
        if (property !== 'prepare') return Reflect.get(target, property).bind(target)
        return (query: string) => {
          const statement = target.prepare(query)
          if (!/^\s*insert into "?refresh_tokens/i.test(query)) return statement
          return new Proxy(statement, {
            get(inner, name) {
              if (name === 'bind') {
                return (...values: unknown[]) => {
                  const bound = inner.bind(...values)
                  return {
                    run: async () => {
                      const replay = await call('POST', '/v1/auth/refresh', {
                        body: { refreshToken: first.refreshToken },
                        ip,
                      })
                      expect(replay.status).toBe(401)
                      return bound.run()
                    },
                  }
                }
              }
              return Reflect.get(inner, name).bind(inner)
            },
          })
        }
      },
    })
    const result = await rotateRefreshToken(
      createDb(interleaved as D1Database),
      first.refreshToken,
      Date.now() - REFRESH_REUSE_WINDOW_MS - 1_000
    )
    expect(result).toEqual({ ok: false, reason: 'reused' })
    const live = await env.DB.prepare(
      `SELECT COUNT(*) AS n FROM refresh_tokens WHERE family_id =
        (SELECT family_id FROM refresh_tokens WHERE token_hash = ?) AND revoked_at IS NULL`
    )
      .bind(await sha256Hex(first.refreshToken))
      .first<{ n: number }>()
    expect(live!.n).toBe(0)
  })

  it('rejects unknown refresh tokens', async () => {
    const res = await call('POST', '/v1/auth/refresh', {
      body: { refreshToken: `gprt_${'x'.repeat(43)}` },
      ip,
    })
    expect(res.status).toBe(401)
  })
})

describe('roles', () => {
  it('forbids tenant users to create tenants', async () => {
    const tenant = await createTestTenant()
    const res = await call<ErrorBody>('POST', '/v1/auth/create-tenant', {
      token: tenant.token,
      body: { username: 'sneaky', password: 'securepassword123' },
    })
    expect(res.status).toBe(403)
    expect(res.body.error.code).toBe('forbidden')
  })
})
