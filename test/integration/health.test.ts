import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { SWAGGER_UI_BUNDLE, SWAGGER_UI_CSS } from '../../src/http/routes/docs'
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
        config: { ok: true },
      },
    })
    expect(res.headers.get('X-Request-Id')).toMatch(/^req_/)
  })
})

describe('GET /docs', () => {
  it('serves Swagger UI from this gateway, over /openapi.json, with nothing from elsewhere', async () => {
    const res = await call<string>('GET', '/docs')
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toContain('text/html')
    const sources = [...res.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!)
    expect(sources).toEqual(expect.arrayContaining([SWAGGER_UI_BUNDLE, SWAGGER_UI_CSS, '/docs.js']))
    for (const source of sources) expect(source).toMatch(/^\//)
    // The static files are there (copied from npm by `npm install`), and the script starts it.
    for (const asset of [SWAGGER_UI_BUNDLE, SWAGGER_UI_CSS, '/docs.js']) {
      const file = await env.ASSETS.fetch(`http://assets.local${asset}`)
      expect(file.status, asset).toBe(200)
      if (asset === '/docs.js') expect(await file.text()).toContain("url: '/openapi.json'")
      else await file.body?.cancel()
    }
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
