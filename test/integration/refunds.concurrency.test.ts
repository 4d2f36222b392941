import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import type { ErrorBody } from '../helpers/http'
import { callWithEnv, createPayingTenant, type PaymentBody, pay } from '../helpers/payments'

const generous = callWithEnv({
  TENANT_REFUND_RATE_LIMIT: '10000',
  TENANT_GLOBAL_RATE_LIMIT: '10000',
})

describe('concurrent refunds', () => {
  it('lets exactly 50 of 100 concurrent 1-unit refunds through on a 50-unit payment', async () => {
    const tenant = await createPayingTenant()
    const paid = await pay(tenant, { amount: '0.50' })
    expect(paid.body.amountMinor).toBe(50)
    const answers = await Promise.all(
      Array.from({ length: 100 }, () =>
        generous<PaymentBody & ErrorBody>('POST', '/v1/payments/sandbox/refund', {
          token: tenant.token,
          body: { paymentId: paid.body.paymentId, refundAmount: '0.01' },
        })
      )
    )
    const succeeded = answers.filter((a) => a.status === 200)
    expect(succeeded).toHaveLength(50)
    expect(
      answers.filter((a) => a.status !== 200).every((a) => [409, 422].includes(a.status))
    ).toBe(true)

    const payment = await env.DB.prepare(
      'SELECT status, refunded_minor, refund_reserved_minor FROM payments WHERE id = ?'
    )
      .bind(paid.body.paymentId)
      .first()
    expect(payment).toEqual({ status: 'refunded', refunded_minor: 50, refund_reserved_minor: 50 })
    const refunds = await env.DB.prepare(
      'SELECT SUM(amount_minor) AS total, COUNT(*) AS n FROM refunds WHERE payment_id = ?'
    )
      .bind(paid.body.paymentId)
      .first()
    expect(refunds).toEqual({ total: 50, n: 50 })
    const charge = await env.DB.prepare(
      'SELECT refunded_minor FROM sandbox_charges WHERE reference = ?'
    )
      .bind(paid.body.paymentId)
      .first()
    expect(charge).toEqual({ refunded_minor: 50 })
    // Every booked refund announced in its own batch: 49 partial, 1 final, with the true totals.
    const events = await env.DB.prepare(
      "SELECT type, json_extract(data, '$.refundedAmountMinor') AS refunded FROM payment_events WHERE payment_id = ? AND type LIKE '%refunded' ORDER BY refunded"
    )
      .bind(paid.body.paymentId)
      .all<{ type: string; refunded: number }>()
    expect(events.results.map((e) => e.refunded)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1)
    )
    expect(events.results.filter((e) => e.type === 'payment.refunded')).toEqual([
      { type: 'payment.refunded', refunded: 50 },
    ])
  })
})
