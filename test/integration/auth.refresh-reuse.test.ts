/**
 * The refresh-token reuse window: a client that sends the same refresh token twice at once (two
 * tabs, a retried request) gets the same successor both times; a spent token presented after the
 * window still revokes its whole family.
 */
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { tokenIssuerFor } from '../../src/auth/access-tokens'
import { REFRESH_REUSE_WINDOW_MS } from '../../src/auth/refresh-tokens'
import { startSession } from '../../src/auth/sessions'
import { sha256Hex } from '../../src/crypto/hash'
import { call, type ErrorBody, nextIp } from '../helpers/http'
import { createTestTenant, signingDeps } from '../helpers/tenant'

interface Session {
  token: string
  refreshToken: string
}

const issuer = tokenIssuerFor(env.APP_URL)

async function signedIn() {
  const tenant = await createTestTenant()
  return startSession(await signingDeps(), issuer, {
    id: tenant.userId,
    tenantId: tenant.tenantId,
    role: 'tenant',
  })
}

/** Each call from its own address, so the per-address limit of the auth routes stays out of the way. */
const refresh = (refreshToken: string) =>
  call<Session & ErrorBody>('POST', '/v1/auth/refresh', { body: { refreshToken }, ip: nextIp() })

/** Moves the token's exchange back in time, past the reuse window. */
async function ageExchange(refreshToken: string) {
  const aged = await env.DB.prepare(
    'UPDATE refresh_tokens SET used_at = used_at - ? WHERE token_hash = ? AND used_at IS NOT NULL'
  )
    .bind(REFRESH_REUSE_WINDOW_MS + 1, await sha256Hex(refreshToken))
    .run()
  expect(aged.meta.changes).toBe(1)
}

describe('the refresh-token reuse window', () => {
  it('answers two simultaneous refreshes with the same token with the same successor', async () => {
    const first = await signedIn()
    const [a, b] = await Promise.all([refresh(first.refreshToken), refresh(first.refreshToken)])
    expect([a.status, b.status]).toEqual([200, 200])
    expect(a.body.refreshToken).toBe(b.body.refreshToken)
    expect(a.body.refreshToken).not.toBe(first.refreshToken)

    for (const answer of [a, b]) {
      const keys = await call('GET', '/v1/auth/api-keys', { token: answer.body.token })
      expect(keys.status).toBe(200)
    }
    const next = await refresh(a.body.refreshToken)
    expect(next.status).toBe(200)
  })

  it('answers a replay inside the window with the same successor, revoking nothing', async () => {
    const first = await signedIn()
    const exchanged = await refresh(first.refreshToken)
    const replayed = await refresh(first.refreshToken)
    expect(replayed.status).toBe(200)
    expect(replayed.body.refreshToken).toBe(exchanged.body.refreshToken)
    expect((await refresh(exchanged.body.refreshToken)).status).toBe(200)
  })

  it('revokes the whole family for a reuse after the window', async () => {
    const first = await signedIn()
    const exchanged = await refresh(first.refreshToken)
    expect(exchanged.status).toBe(200)
    await ageExchange(first.refreshToken)

    const reused = await refresh(first.refreshToken)
    expect(reused.status).toBe(401)
    expect(reused.body.error.code).toBe('invalid_refresh_token')
    expect((await refresh(exchanged.body.refreshToken)).status).toBe(401)
  })

  it('gives nothing for a replay inside the window once the family is revoked', async () => {
    const first = await signedIn()
    const second = await refresh(first.refreshToken)
    const third = await refresh(second.body.refreshToken)
    expect(third.status).toBe(200)
    await ageExchange(first.refreshToken)
    expect((await refresh(first.refreshToken)).status).toBe(401)

    // The second token was exchanged a moment ago, inside its window, but its family is gone.
    expect((await refresh(second.body.refreshToken)).status).toBe(401)
    expect((await refresh(third.body.refreshToken)).status).toBe(401)
  })

  it('still rotates on every use and refuses unknown tokens', async () => {
    const first = await signedIn()
    const second = await refresh(first.refreshToken)
    const third = await refresh(second.body.refreshToken)
    expect(
      new Set([first.refreshToken, second.body.refreshToken, third.body.refreshToken]).size
    ).toBe(3)
    const unknown = await refresh(`gprt_${'x'.repeat(43)}`)
    expect(unknown.status).toBe(401)
    expect(unknown.body.error.code).toBe('invalid_refresh_token')
  })

  it('stores no refresh token in clear', async () => {
    const first = await signedIn()
    const second = await refresh(first.refreshToken)
    const rows = await env.DB.prepare('SELECT * FROM refresh_tokens').all()
    const stored = JSON.stringify(rows.results)
    expect(stored).not.toContain(first.refreshToken.slice(5))
    expect(stored).not.toContain(second.body.refreshToken.slice(5))
  })
})
