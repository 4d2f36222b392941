import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { call, type ErrorBody } from '../helpers/http'
import { createPayingTenant, type PaymentBody, pay } from '../helpers/payments'
import { createApiKey } from '../helpers/tenant'
import { endpointFor, paidAndDispatched } from '../helpers/webhooks'

/** Every way an API key can touch one stored payment. */
const touches = (paymentId: string) =>
  [
    ['GET', `/v1/payments/sandbox/${paymentId}`, undefined],
    ['POST', `/v1/payments/sandbox/${paymentId}/capture`, {}],
    ['DELETE', `/v1/payments/sandbox/${paymentId}`, undefined],
    ['POST', '/v1/payments/sandbox/refund', { paymentId }],
  ] as const

const listed = (token: string, query = '') =>
  call<{ data: { paymentId: string }[] }>('GET', `/v1/payments${query}`, { token })

describe('an API key of one mode', () => {
  it('cannot read, capture, cancel or refund a payment of the other mode: 404', async () => {
    const tenant = await createPayingTenant()
    const { key: testKey } = await createApiKey(tenant, 'test')
    const { key: liveKey } = await createApiKey(tenant, 'live')
    const authorized = await pay(tenant, { capture: false })
    const production = await pay(tenant, { capture: false })
    await env.DB.prepare("UPDATE payments SET environment = 'production' WHERE id = ?")
      .bind(production.body.paymentId)
      .run()

    for (const [key, paymentId] of [
      [liveKey, authorized.body.paymentId],
      [testKey, production.body.paymentId],
    ] as const) {
      for (const [method, path, body] of touches(paymentId)) {
        const res = await call<ErrorBody>(method, path, { token: key, body })
        expect(res.status, `${method} ${path}`).toBe(404)
        expect(res.body.error.code).toBe('not_found')
      }
    }
    const untouched = await env.DB.prepare('SELECT status FROM payments WHERE id IN (?, ?)')
      .bind(authorized.body.paymentId, production.body.paymentId)
      .all<{ status: string }>()
    expect(untouched.results.map((r) => r.status)).toEqual(['authorized', 'authorized'])

    const own = await call<PaymentBody>(
      'GET',
      `/v1/payments/sandbox/${authorized.body.paymentId}`,
      {
        token: testKey,
      }
    )
    expect(own.status).toBe(200)
  })

  it('lists only payments of its own mode, and is refused the other mode', async () => {
    const tenant = await createPayingTenant()
    const { key: testKey } = await createApiKey(tenant, 'test')
    const { key: liveKey } = await createApiKey(tenant, 'live')
    const first = await pay(tenant)
    const second = await pay(tenant)
    await env.DB.prepare("UPDATE payments SET environment = 'production' WHERE id = ?")
      .bind(second.body.paymentId)
      .run()

    expect((await listed(testKey)).body.data.map((p) => p.paymentId)).toEqual([
      first.body.paymentId,
    ])
    expect((await listed(liveKey)).body.data.map((p) => p.paymentId)).toEqual([
      second.body.paymentId,
    ])
    const refused = await call<ErrorBody>('GET', '/v1/payments?environment=production', {
      token: testKey,
    })
    expect(refused.status).toBe(403)
    expect(refused.body.error.code).toBe('forbidden')
    expect((await listed(tenant.token)).body.data).toHaveLength(2)
  })

  it("sees, resends and replays only deliveries to its own mode's endpoints", async () => {
    const tenant = await createPayingTenant()
    const { key: testKey } = await createApiKey(tenant, 'test')
    const { key: liveKey } = await createApiKey(tenant, 'live')
    await endpointFor(tenant)
    await endpointFor(tenant, { url: 'https://live.merchant.example/hooks', mode: 'live' })
    const start = new Date(Date.now() - 1000).toISOString()
    await paidAndDispatched(tenant)
    const deliveries = (token: string) =>
      call<{ data: { id: string }[] }>('GET', '/v1/webhooks/deliveries', { token })

    const ofTest = (await deliveries(testKey)).body.data
    expect(ofTest).toHaveLength(2)
    expect((await deliveries(liveKey)).body.data).toEqual([])
    expect((await deliveries(tenant.token)).body.data).toHaveLength(2)

    const resend = (token: string) =>
      call<ErrorBody>('POST', `/v1/webhooks/deliveries/${ofTest[0]!.id}/resend`, { token })
    expect((await resend(liveKey)).status).toBe(404)
    expect((await resend(testKey)).status).toBe(202)

    const replay = (token: string) =>
      call<{ events: number; deliveries: number }>('POST', '/v1/webhooks/deliveries/replay', {
        token,
        body: { from: start, to: new Date(Date.now() + 1000).toISOString() },
      })
    // Not even the number of test events is revealed to a live key.
    expect((await replay(liveKey)).body).toMatchObject({ events: 0, deliveries: 0, nextFrom: null })
    expect((await replay(testKey)).body.deliveries).toBe(2)
  })
})
