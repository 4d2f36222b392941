import { describe, expect, it } from 'vitest'
import { call } from '../helpers/http'

describe('GET /health', () => {
  it('reports every binding and the secret as working, and nothing secret', async () => {
    const res = await call('GET', '/health')
    expect(res.status).toBe(200)
    expect(res.body).toEqual({
      status: 'ok',
      checks: {
        database: { ok: true },
        kv: { ok: true },
        durableObject: { ok: true },
        encryptionKey: { ok: true },
      },
    })
    expect(res.headers.get('X-Request-Id')).toMatch(/^req_/)
  })
})

describe('GET /docs', () => {
  it('serves a self-contained reference page that reads /openapi.json', async () => {
    const res = await call<string>('GET', '/docs')
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toContain('text/html')
    expect(res.body).toContain("fetch('/openapi.json')")
    expect(res.body).not.toMatch(/<script[^>]+src=/)
  })
})

describe('GET /v1/providers', () => {
  it('lists every provider with the config keys it needs', async () => {
    const res = await call<{
      data: { id: string; configKeys: { key: string; required: boolean }[] }[]
    }>('GET', '/v1/providers')
    const ids = res.body.data.map((p) => p.id)
    expect(ids).toEqual([
      'sandbox',
      'stripe',
      'iyzico',
      'paytr',
      'payu',
      'paycell',
      'nkolay',
      'papara',
      'ozanpay',
      'adyen',
      'gopay',
      'gopay88',
    ])
    expect(res.body.data.find((p) => p.id === 'sandbox')!.configKeys).toEqual([])
    expect(res.body.data.find((p) => p.id === 'iyzico')!.configKeys).toEqual([
      expect.objectContaining({ key: 'apiKey', required: true }),
      expect.objectContaining({ key: 'secretKey', required: true }),
      expect.objectContaining({ key: 'locale', required: false }),
    ])
  })
})
