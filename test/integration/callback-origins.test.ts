import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { createDb } from '../../src/db/client'
import { allowedOriginsOf } from '../../src/payments/allowed-origins'
import { call, type ErrorBody } from '../helpers/http'
import { kvIntercepting } from '../helpers/kv'
import { createTestTenant } from '../helpers/tenant'

describe('callback origins', () => {
  it('stores normalised origins and marks loopback ones test-only', async () => {
    const tenant = await createTestTenant()
    const put = await call('PUT', '/v1/config/callback-origins', {
      token: tenant.token,
      body: {
        origins: ['https://Shop.Example.com/', 'http://localhost:3000', 'https://shop.example.com'],
      },
    })
    expect(put.status).toBe(200)
    const got = await call('GET', '/v1/config/callback-origins', { token: tenant.token })
    expect(got.body.origins).toEqual([
      { origin: 'http://localhost:3000', testOnly: true },
      { origin: 'https://shop.example.com', testOnly: false },
    ])
  })

  it('refuses anything that is not exactly an origin, naming each problem', async () => {
    const tenant = await createTestTenant()
    const res = await call<ErrorBody>('PUT', '/v1/config/callback-origins', {
      token: tenant.token,
      body: {
        origins: [
          'https://shop.example.com',
          'http://shop.example.com',
          'https://shop.example.com/cb',
        ],
      },
    })
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe('invalid_origin')
    expect(res.body.error.details).toEqual([
      expect.objectContaining({ origin: 'http://shop.example.com' }),
      expect.objectContaining({ origin: 'https://shop.example.com/cb' }),
    ])
    const got = await call('GET', '/v1/config/callback-origins', { token: tenant.token })
    expect(got.body.origins).toEqual([])
  })

  it('are per tenant', async () => {
    const a = await createTestTenant()
    const b = await createTestTenant()
    await call('PUT', '/v1/config/callback-origins', {
      token: a.token,
      body: { origins: ['https://a.example.com'] },
    })
    const seenByB = await call('GET', '/v1/config/callback-origins', { token: b.token })
    expect(seenByB.body.origins).toEqual([])
  })

  it('on the payment path are not cached stale by a read that races a change', async () => {
    const tenant = await createTestTenant()
    const putOrigins = (origins: string[]) =>
      call('PUT', '/v1/config/callback-origins', { token: tenant.token, body: { origins } })
    await putOrigins(['https://old.example.com'])
    // The change lands between the payment path's D1 read and its cache write.
    const racing = kvIntercepting('put', async () => {
      expect((await putOrigins(['https://new.example.com'])).status).toBe(200)
    })
    const deps = { db: createDb(env.DB), kv: racing }
    const newOnly = [{ origin: 'https://new.example.com', testOnly: false }]
    expect(await allowedOriginsOf(deps, tenant.tenantId)).toEqual(newOnly)
    expect(await allowedOriginsOf({ ...deps, kv: env.KV }, tenant.tenantId)).toEqual(newOnly)
  })

  it('can be cleared', async () => {
    const tenant = await createTestTenant()
    await call('PUT', '/v1/config/callback-origins', {
      token: tenant.token,
      body: { origins: ['https://a.example.com'] },
    })
    await call('PUT', '/v1/config/callback-origins', { token: tenant.token, body: { origins: [] } })
    const got = await call('GET', '/v1/config/callback-origins', { token: tenant.token })
    expect(got.body.origins).toEqual([])
  })
})
