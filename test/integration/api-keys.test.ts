import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { authenticateApiKey, hashApiKey } from '../../src/auth/api-keys'
import { createDb } from '../../src/db/client'
import { call, type ErrorBody } from '../helpers/http'
import { kvIntercepting } from '../helpers/kv'
import { callWithEnv } from '../helpers/payments'
import { createApiKey, createTestTenant } from '../helpers/tenant'

describe('API keys', () => {
  it('are shown once, listed by prefix and last 4, and authenticate as Bearer', async () => {
    const tenant = await createTestTenant()
    const { key, id } = await createApiKey(tenant)
    expect(key).toMatch(/^gpk_test_[0-9A-Za-z]{43}$/)

    const list = await call<{ data: Record<string, unknown>[] }>('GET', '/v1/auth/api-keys', {
      token: tenant.token,
    })
    expect(list.body.data).toEqual([
      expect.objectContaining({
        id,
        mode: 'test',
        displayPrefix: `${key.slice(0, 13)}…`,
        last4: key.slice(-4),
      }),
    ])
    expect(JSON.stringify(list.body)).not.toContain(key)

    const viaKey = await call('GET', '/v1/config/callback-origins', { token: key })
    // API keys authenticate, but managing the tenant's settings needs a signed-in user.
    expect(viaKey.status).toBe(403)
  })

  it('make live keys with the live prefix', async () => {
    const tenant = await createTestTenant()
    const { key } = await createApiKey(tenant, 'live')
    expect(key.startsWith('gpk_live_')).toBe(true)
  })

  it('are not cached again by a lookup that races their revocation', async () => {
    const tenant = await createTestTenant()
    const { key, id } = await createApiKey(tenant)
    let revoked = false
    // The revocation lands between the lookup's D1 read and its cache write.
    const kv = kvIntercepting('put', async () => {
      revoked = true
      const res = await call('DELETE', `/v1/auth/api-keys/${id}`, { token: tenant.token })
      expect(res.status).toBe(200)
    })
    expect(await authenticateApiKey({ db: createDb(env.DB), kv }, key)).toBeUndefined()
    expect(revoked).toBe(true)
    expect(await env.KV.get(`apikey:${await hashApiKey(key)}`)).toBeNull()
    expect((await call('GET', '/v1/config/callback-origins', { token: key })).status).toBe(401)
  })

  it('stop authenticating once revoked', async () => {
    const tenant = await createTestTenant()
    const { key, id } = await createApiKey(tenant)
    expect((await call('GET', '/v1/config/callback-origins', { token: key })).status).toBe(403)
    const revoked = await call('DELETE', `/v1/auth/api-keys/${id}`, { token: tenant.token })
    expect(revoked.status).toBe(200)
    const after = await call<ErrorBody>('GET', '/v1/config/callback-origins', { token: key })
    expect(after.status).toBe(401)
    const list = await call<{ data: unknown[] }>('GET', '/v1/auth/api-keys', {
      token: tenant.token,
    })
    expect(list.body.data).toEqual([])
  })

  it('can be revoked again after the cache purge failed, and then stop working at once', async () => {
    const tenant = await createTestTenant()
    const { key, id } = await createApiKey(tenant)
    expect((await call('GET', '/v1/config/callback-origins', { token: key })).status).toBe(403)
    const failing = callWithEnv({
      KV: kvIntercepting('delete', async () => {
        throw new Error('KV unavailable')
      }),
    })
    const first = await failing<ErrorBody>('DELETE', `/v1/auth/api-keys/${id}`, {
      token: tenant.token,
    })
    expect(first.status).toBe(500)
    // D1 says revoked but the cached entry still authenticates: the retry must purge it.
    expect(await env.KV.get(`apikey:${await hashApiKey(key)}`)).not.toBeNull()
    const retry = await call('DELETE', `/v1/auth/api-keys/${id}`, { token: tenant.token })
    expect(retry.status).toBe(200)
    expect(await env.KV.get(`apikey:${await hashApiKey(key)}`)).toBeNull()
    expect((await call('GET', '/v1/config/callback-origins', { token: key })).status).toBe(401)
  })

  it('cannot be listed or revoked by another tenant (404)', async () => {
    const owner = await createTestTenant()
    const other = await createTestTenant()
    const { id } = await createApiKey(owner)
    const list = await call<{ data: unknown[] }>('GET', '/v1/auth/api-keys', { token: other.token })
    expect(list.body.data).toEqual([])
    const res = await call<ErrorBody>('DELETE', `/v1/auth/api-keys/${id}`, { token: other.token })
    expect(res.status).toBe(404)
    expect(res.body.error.code).toBe('not_found')
  })

  it('reject keys with a valid shape that were never issued', async () => {
    const res = await call('GET', '/v1/auth/api-keys', { token: `gpk_test_${'A'.repeat(43)}` })
    expect(res.status).toBe(401)
  })
})
