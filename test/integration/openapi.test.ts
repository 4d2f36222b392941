/**
 * The API description a merchant generates clients from: every route the gateway serves is in
 * `/openapi.json` under a unique `operationId`, and every example it documents is valid against
 * its own schema.
 */
import { env, exports } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import committed from '../../docs/openapi.json'
import { createApp } from '../../src/app'
import { call, type ErrorBody } from '../helpers/http'
import { createTestTenant } from '../helpers/tenant'

interface Operation {
  operationId?: string
}
type Document = { paths: Record<string, Record<string, Operation>> }

const METHODS = ['get', 'post', 'put', 'delete', 'patch']

describe('/openapi.json', () => {
  it('names every operation, each name once, the payment routes by what they do', async () => {
    const doc = (await call<Document>('GET', '/openapi.json')).body
    const ids: string[] = []
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of METHODS) {
        const operation = item[method]
        if (!operation) continue
        expect(operation.operationId, `${method.toUpperCase()} ${path}`).toMatch(/^[a-z][A-Za-z]+$/)
        ids.push(operation.operationId!)
      }
    }
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids).toEqual(
      expect.arrayContaining(['createPayment', 'getPayment', 'refundPayment', 'cancelPayment'])
    )
  })

  it('describes what merchants receive in its webhooks section', async () => {
    const doc = (
      await call<{
        webhooks: Record<string, { post: { operationId: string; requestBody: unknown } }>
        components: { schemas: Record<string, { properties: { type: { enum?: string[] } } }> }
      }>('GET', '/openapi.json')
    ).body
    expect(Object.keys(doc.webhooks).sort()).toEqual(['payment-event', 'webhook-test'])
    expect(doc.webhooks['payment-event']!.post.operationId).toBe('receivePaymentEvent')
    expect(doc.components.schemas.PaymentEvent!.properties.type.enum).toEqual(
      expect.arrayContaining(['payment.created', 'payment.succeeded', 'payment.refunded'])
    )
  })

  it('describes every /v1 route the app serves', async () => {
    const doc = (await call<Document>('GET', '/openapi.json')).body
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([path, item]) =>
        Object.keys(item)
          .filter((m) => METHODS.includes(m))
          .map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`)
      )
    )
    const served = createApp()
      .routes.filter((r) => r.path.startsWith('/v1/') && r.method !== 'ALL')
      .map((r) => `${r.method} ${r.path}`)
    for (const route of served) expect(documented, route).toContain(route)
  })

  it('is docs/openapi.json, generated ahead of time, with APP_URL as its server', async () => {
    const served = await call<Record<string, unknown>>('GET', '/openapi.json')
    expect(served.status).toBe(200)
    expect(served.body).toEqual({
      ...committed,
      servers: [{ url: env.APP_URL.replace(/\/+$/, '') }],
    })
  })

  it('names APP_URL as its server, never the Host the request claims', async () => {
    const res = await exports.default.fetch('http://attacker.example/openapi.json', {
      headers: { Host: 'attacker.example', 'X-Forwarded-Host': 'attacker.example' },
    })
    const doc = (await res.json()) as { servers: { url: string }[] }
    expect(doc.servers).toEqual([{ url: env.APP_URL.replace(/\/+$/, '') }])
    expect(JSON.stringify(doc)).not.toContain('attacker.example')
  })

  it('answers 400, not 404, for a provider that is not a string', async () => {
    const tenant = await createTestTenant()
    for (const provider of [123, ['iyzico'], { id: 'iyzico' }, null]) {
      const res = await call<ErrorBody>('POST', '/v1/config/tenant', {
        token: tenant.token,
        body: { provider, environment: 'test', configs: [] },
      })
      expect(res.status, JSON.stringify(provider)).toBe(400)
      expect(res.body.error.code).toBe('invalid_request')
    }
  })
})
