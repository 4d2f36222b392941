/**
 * What the dashboard shows of one payment: its events and refunds, and the deliveries of one mode
 * only. Another tenant's payment is a 404, and an API key never sees the other mode.
 */
import { describe, expect, it } from 'vitest'
import { call } from '../helpers/http'
import { createPayingTenant, pay } from '../helpers/payments'
import { createApiKey, createTestTenant } from '../helpers/tenant'
import { endpointFor, paidAndDispatched } from '../helpers/webhooks'

interface History {
  events: { type: string; payment: { status: string; refundedAmountMinor: number } }[]
  refunds: {
    amount: number
    amountMinor: number
    currency: string
    status: string
    reason: string
  }[]
}

describe('GET /v1/payments/{provider}/{paymentId}/history', () => {
  it("lists a payment's events with the payment as it was, and its refunds", async () => {
    const tenant = await createPayingTenant()
    const paid = await pay(tenant)
    const refunded = await call('POST', '/v1/payments/sandbox/refund', {
      token: tenant.token,
      body: { paymentId: paid.body.paymentId, refundAmount: 25.5, reason: 'Returned item' },
    })
    expect(refunded.status).toBe(200)

    const res = await call<History>('GET', `/v1/payments/sandbox/${paid.body.paymentId}/history`, {
      token: tenant.token,
    })
    expect(res.status).toBe(200)
    expect(res.body.events.map((e) => e.type)).toEqual([
      'payment.created',
      'payment.succeeded',
      'payment.partially_refunded',
    ])
    expect(res.body.events.at(-1)!.payment.status).toBe('partially_refunded')
    expect(res.body.events.at(-1)!.payment.refundedAmountMinor).toBe(2550)
    expect(res.body.refunds).toEqual([
      expect.objectContaining({
        amount: 25.5,
        amountMinor: 2550,
        currency: 'TRY',
        status: 'succeeded',
        reason: 'Returned item',
      }),
    ])
  })

  it("answers 404 for another tenant's payment and under another provider", async () => {
    const owner = await createPayingTenant()
    const paid = await pay(owner)
    const stranger = await createTestTenant()
    const path = `/v1/payments/sandbox/${paid.body.paymentId}/history`
    expect((await call('GET', path, { token: stranger.token })).status).toBe(404)
    const elsewhere = `/v1/payments/stripe/${paid.body.paymentId}/history`
    expect((await call('GET', elsewhere, { token: owner.token })).status).toBe(404)
  })
})

describe('GET /v1/webhooks/deliveries?environment=', () => {
  it("lists only the deliveries to the chosen mode's endpoints", async () => {
    const tenant = await createPayingTenant()
    const testEndpoint = await endpointFor(tenant)
    await endpointFor(tenant, { mode: 'live', url: 'https://merchant.example/live' })
    await paidAndDispatched(tenant)

    const list = (environment: string, token = tenant.token) =>
      call<{ data: { endpointId: string }[] }>(
        'GET',
        `/v1/webhooks/deliveries?environment=${environment}`,
        { token }
      )
    const test = await list('test')
    expect(test.body.data.length).toBeGreaterThan(0)
    expect(new Set(test.body.data.map((d) => d.endpointId))).toEqual(new Set([testEndpoint.id]))
    expect((await list('production')).body.data).toEqual([])

    const testKey = await createApiKey(tenant, 'test')
    const refused = await list('production', testKey.key)
    expect(refused.status).toBe(403)
  })
})
