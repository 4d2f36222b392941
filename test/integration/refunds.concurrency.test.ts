import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { holdingStatement } from '../helpers/d1'
import { call, type ErrorBody } from '../helpers/http'
import { callWithEnv, createPayingTenant, type PaymentBody, pay } from '../helpers/payments'
import { charge, notify } from '../helpers/sandbox'
import type { TestTenant } from '../helpers/tenant'

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

describe('a cancel racing refunds', () => {
  const paymentRow = (id: string) =>
    env.DB.prepare(
      'SELECT status, refunded_minor, refund_reserved_minor FROM payments WHERE id = ?'
    )
      .bind(id)
      .first()
  const chargeRow = (id: string) =>
    env.DB.prepare('SELECT status, refunded_minor FROM sandbox_charges WHERE reference = ?')
      .bind(id)
      .first()
  const refund = (tenant: TestTenant, paymentId: string) =>
    call<ErrorBody>('POST', '/v1/payments/sandbox/refund', {
      token: tenant.token,
      body: { paymentId },
    })

  /** Starts a cancel and holds it at the provider just before the charge is voided. */
  async function cancelHeldAtProvider(tenant: TestTenant, paymentId: string) {
    const held = holdingStatement(/^update "sandbox_charges" set "status"/)
    const cancelling = callWithEnv({ DB: held.DB })<PaymentBody>(
      'DELETE',
      `/v1/payments/sandbox/${paymentId}`,
      { token: tenant.token }
    )
    await held.reached
    return () => {
      held.release()
      return cancelling
    }
  }

  it('refuses a refund while the cancel is at the provider, so the provider never gets both', async () => {
    const tenant = await createPayingTenant()
    const paid = (await pay(tenant)).body
    const finishCancel = await cancelHeldAtProvider(tenant, paid.paymentId)
    const refused = await refund(tenant, paid.paymentId)
    expect(refused.status).toBe(422)
    expect(refused.body.error).toMatchObject({
      code: 'refund_exceeds_captured',
      details: { refundableMinor: 0 },
    })
    expect((await finishCancel()).body.status).toBe('cancelled')
    expect(await chargeRow(paid.paymentId)).toEqual({ status: 'canceled', refunded_minor: 0 })
    expect(await paymentRow(paid.paymentId)).toMatchObject({
      status: 'cancelled',
      refunded_minor: 0,
    })
  })

  it('refuses a cancel while a refund is at the provider', async () => {
    const tenant = await createPayingTenant()
    const paid = (await pay(tenant)).body
    const held = holdingStatement(/^select .* from "sandbox_charges"/)
    const refunding = callWithEnv({ DB: held.DB })<PaymentBody>(
      'POST',
      '/v1/payments/sandbox/refund',
      { token: tenant.token, body: { paymentId: paid.paymentId } }
    )
    await held.reached
    const refused = await call<ErrorBody>('DELETE', `/v1/payments/sandbox/${paid.paymentId}`, {
      token: tenant.token,
    })
    expect(refused.status).toBe(409)
    expect(refused.body.error.code).toBe('invalid_transition')
    held.release()
    expect((await refunding).body.status).toBe('refunded')
    expect(await chargeRow(paid.paymentId)).toEqual({
      status: 'succeeded',
      refunded_minor: paid.amountMinor,
    })
  })

  it('gives the amount back when the provider refuses the cancel', async () => {
    const tenant = await createPayingTenant()
    const paid = (await pay(tenant)).body
    await env.DB.prepare('UPDATE sandbox_charges SET settles_at = 0 WHERE reference = ?')
      .bind(paid.paymentId)
      .run()
    const cancel = await call<ErrorBody>('DELETE', `/v1/payments/sandbox/${paid.paymentId}`, {
      token: tenant.token,
    })
    expect(cancel.status).not.toBe(200)
    expect(await paymentRow(paid.paymentId)).toMatchObject({
      status: 'successful',
      refund_reserved_minor: 0,
    })
    expect((await refund(tenant, paid.paymentId)).status).toBe(200)
  })

  it('answers a refund made at the provider meanwhile 409, for a retry, instead of setting it aside', async () => {
    const tenant = await createPayingTenant()
    const paid = (await pay(tenant)).body
    const finishCancel = await cancelHeldAtProvider(tenant, paid.paymentId)
    const dashboard = { refund: { id: 'sbxre_dash1', amount: 1000, reference: 'dash-1' } }
    const refunded = await notify(tenant, 'charge.refunded', {
      ...charge(paid, 'succeeded'),
      ...dashboard,
    })
    expect(refunded.status).toBe(409)
    expect((await finishCancel()).body.status).toBe('cancelled')
  })
})
