import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { createDb } from '../../src/db/client'
import { findPayment } from '../../src/db/repos/payments'
import { findRefund } from '../../src/db/repos/provider-notifications'
import { refundSettledStatements } from '../../src/payments/records'
import { runCron } from '../helpers/cron'
import { createPayingTenant, type PaymentBody, pay } from '../helpers/payments'
import { lostRefund } from '../helpers/refunds'
import { callSandboxPsp, charge, notify } from '../helpers/sandbox'
import type { TestTenant } from '../helpers/tenant'

/** The refund reached the provider; only its answer to the gateway was lost. */
const refundAtProvider = (tenant: TestTenant, paid: PaymentBody, id: string, amount: number) =>
  callSandboxPsp(tenant, `/v1/charges/${paid.transactionId}/refunds`, { amount, reference: id })

const refundRow = (id: string) =>
  env.DB.prepare('SELECT status, provider_refund_id FROM refunds WHERE id = ?').bind(id).first()

const paymentRow = (id: string) =>
  env.DB.prepare('SELECT status, refunded_minor, refund_reserved_minor FROM payments WHERE id = ?')
    .bind(id)
    .first()

const refundEvents = async (paymentId: string) =>
  (
    await env.DB.prepare(
      "SELECT type, json_extract(data, '$.refundedAmountMinor') AS refunded FROM payment_events WHERE payment_id = ? AND type LIKE '%refunded' ORDER BY id"
    )
      .bind(paymentId)
      .all()
  ).results

const refundsAtProvider = async (reference: string) =>
  (
    await env.DB.prepare('SELECT COUNT(*) AS n FROM sandbox_refunds WHERE reference = ?')
      .bind(reference)
      .first<{ n: number }>()
  )?.n

describe('refund reconciliation', () => {
  it('books, once, a refund the provider made though its answer was lost', async () => {
    const tenant = await createPayingTenant()
    const paid = (await pay(tenant)).body
    const id = await lostRefund(paid, 1000)
    await refundAtProvider(tenant, paid, id, 1000)
    await runCron()
    await runCron()
    expect(await refundRow(id)).toEqual({
      status: 'succeeded',
      provider_refund_id: expect.stringMatching(/^sbx/),
    })
    expect(await paymentRow(paid.paymentId)).toEqual({
      status: 'partially_refunded',
      refunded_minor: 1000,
      refund_reserved_minor: 1000,
    })
    expect(await refundEvents(paid.paymentId)).toEqual([
      { type: 'payment.partially_refunded', refunded: 1000 },
    ])
    expect(await refundsAtProvider(id)).toBe(1)
  })

  it('sends again a refund that never reached the provider, under the same id', async () => {
    const tenant = await createPayingTenant()
    const paid = (await pay(tenant)).body
    const id = await lostRefund(paid, paid.amountMinor)
    await runCron()
    expect(await refundsAtProvider(id)).toBe(1)
    expect(await paymentRow(paid.paymentId)).toMatchObject({
      status: 'refunded',
      refunded_minor: paid.amountMinor,
    })
  })

  it('frees the amount of a refund the provider refuses', async () => {
    const tenant = await createPayingTenant()
    const paid = (await pay(tenant)).body
    const id = await lostRefund(paid, 1000)
    // The charge was voided at the provider, which therefore refuses the refund.
    await callSandboxPsp(tenant, `/v1/charges/${paid.transactionId}/cancel`)
    await runCron()
    expect(await refundRow(id)).toMatchObject({ status: 'failed' })
    expect(await paymentRow(paid.paymentId)).toEqual({
      status: 'successful',
      refunded_minor: 0,
      refund_reserved_minor: 0,
    })
    expect(await refundEvents(paid.paymentId)).toEqual([])
  })

  it('leaves a fresh refund to the provider for a while', async () => {
    const tenant = await createPayingTenant()
    const paid = (await pay(tenant)).body
    const id = await lostRefund(paid, 1000, 0)
    await runCron()
    expect(await refundRow(id)).toMatchObject({ status: 'processing' })
    expect(await refundsAtProvider(id)).toBe(0)
  })

  it('books once when the notification and the cron settle it at the same time', async () => {
    const tenant = await createPayingTenant()
    const paid = (await pay(tenant)).body
    const id = await lostRefund(paid, 1000)
    await refundAtProvider(tenant, paid, id, 1000)
    const refunded = charge(paid, 'succeeded', {
      refund: { id: 'sbxre_same', amount: 1000, reference: id },
    })
    await Promise.all([
      runCron(),
      notify(tenant, 'charge.refunded', refunded),
      notify(tenant, 'charge.refunded', refunded, { id: 'sbxev_second_delivery' }),
    ])
    expect(await paymentRow(paid.paymentId)).toMatchObject({ refunded_minor: 1000 })
    expect(await refundEvents(paid.paymentId)).toHaveLength(1)
  })

  it('books once when two settlements both read the refund as processing', async () => {
    const tenant = await createPayingTenant()
    const paid = (await pay(tenant)).body
    const id = await lostRefund(paid, 1000)
    const db = createDb(env.DB)
    // Both read before either writes: the interleaving a notification and the cron can produce.
    const payment = (await findPayment(db, tenant.tenantId, paid.paymentId))!
    const refund = (await findRefund(db, tenant.tenantId, id))!
    const now = Date.now()
    await db.batch(refundSettledStatements(db, payment, refund, 'sbxre_1', now))
    await db.batch(refundSettledStatements(db, payment, refund, 'sbxre_1', now + 1))
    expect(await paymentRow(paid.paymentId)).toMatchObject({ refunded_minor: 1000 })
    expect(await refundEvents(paid.paymentId)).toHaveLength(1)
  })
})
