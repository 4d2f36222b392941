import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { createDb } from '../../src/db/client'
import { findPayment } from '../../src/db/repos/payments'
import { applyOutcome } from '../../src/payments/apply-outcome'
import { holdingStatement } from '../helpers/d1'
import type { ErrorBody } from '../helpers/http'
import { callWithEnv, createPayingTenant, eventsOf, pay, SHOP } from '../helpers/payments'
import { callSandboxPsp, charge, notify, sandboxHeaders } from '../helpers/sandbox'

const rowOf = (paymentId: string) =>
  env.DB.prepare('SELECT status, captured_minor, refunded_minor FROM payments WHERE id = ?')
    .bind(paymentId)
    .first<{ status: string; captured_minor: number; refunded_minor: number }>()

describe('provider notifications and payment states', () => {
  it('cancel a captured payment whose cancel answer was lost', async () => {
    const tenant = await createPayingTenant()
    const paid = (await pay(tenant)).body
    // The cancel reached the PSP, but the gateway never heard back.
    expect((await callSandboxPsp(tenant, `/v1/charges/${paid.transactionId}/cancel`)).status).toBe(
      200
    )
    const res = await notify(tenant, 'charge.canceled', charge(paid, 'canceled'))
    expect(res.status).toBe(200)
    expect((await rowOf(paid.paymentId))!.status).toBe('cancelled')
    expect(await eventsOf(paid.paymentId)).toEqual([
      'payment.created',
      'payment.succeeded',
      'payment.cancelled',
    ])
  })

  it('cancel an authorization voided at the provider, rather than fail it', async () => {
    const tenant = await createPayingTenant()
    const authorized = (await pay(tenant, { capture: false })).body
    await callSandboxPsp(tenant, `/v1/charges/${authorized.transactionId}/cancel`)
    await notify(tenant, 'charge.canceled', charge(authorized, 'canceled'))
    expect((await rowOf(authorized.paymentId))!.status).toBe('cancelled')
    expect((await eventsOf(authorized.paymentId)).at(-1)).toBe('payment.cancelled')
  })

  it('fail a 3-D Secure payment the provider cancelled before it was paid', async () => {
    const tenant = await createPayingTenant()
    const pending = (await pay(tenant, { use3D: true, callbackUrl: `${SHOP}/cb` })).body
    await notify(tenant, 'charge.canceled', charge(pending, 'canceled'))
    expect((await rowOf(pending.paymentId))!.status).toBe('failed')
  })

  it('leave a payment in review there when a refund is reported, and let a dispute through', async () => {
    const tenant = await createPayingTenant()
    const pending = (await pay(tenant, { use3D: true, callbackUrl: `${SHOP}/cb` })).body
    const short = charge(pending, 'succeeded')
    const underpaid = { ...short, object: { ...short.object, amount: 5050 } }
    await notify(tenant, 'charge.succeeded', underpaid)
    expect((await rowOf(pending.paymentId))!.status).toBe('review')

    const refund = { refund: { id: 'sbxre_review1', amount: 1000, reference: 'dash-1' } }
    const refunded = await notify(tenant, 'charge.refunded', { ...underpaid, ...refund })
    expect(refunded.status).toBe(200)
    expect(await rowOf(pending.paymentId)).toEqual({
      status: 'review',
      captured_minor: 0,
      refunded_minor: 0,
    })
    const kept = await env.DB.prepare(
      "SELECT outcome FROM provider_notifications WHERE payment_id = ? AND raw_body LIKE '%sbxre_review1%'"
    )
      .bind(pending.paymentId)
      .first()
    expect(kept).toEqual({ outcome: 'refund_needs_review' })
    expect(await eventsOf(pending.paymentId)).toEqual([
      'payment.created',
      'payment.review_required',
    ])

    const dispute = { dispute: { amount: 5050, reason: 'fraudulent' } }
    await notify(tenant, 'charge.dispute.created', { ...underpaid, ...dispute })
    expect((await rowOf(pending.paymentId))!.status).toBe('chargeback')
    expect(await eventsOf(pending.paymentId)).toEqual([
      'payment.created',
      'payment.review_required',
      'payment.chargeback',
    ])
  })

  it('ask for a retry of a refund whose payment moved under it, and book it on the retry', async () => {
    const tenant = await createPayingTenant()
    const pending = (await pay(tenant, { use3D: true, callbackUrl: `${SHOP}/cb` })).body
    const body = JSON.stringify({
      id: 'sbxev_busy_refund',
      type: 'charge.refunded',
      created: Math.floor(Date.now() / 1000),
      data: charge(pending, 'succeeded', {
        refund: { id: 'sbxre_busy', amount: 1000, reference: 'dash-busy' },
      }),
    })
    const send = async (changes: Partial<Env>) =>
      callWithEnv(changes)<ErrorBody>('POST', '/v1/webhooks/sandbox', {
        rawBody: body,
        headers: await sandboxHeaders(tenant, body),
      })
    // Just before the refund is reserved, another writer moves the payment back to processing.
    const held = holdingStatement(/^update "payments" set "refund_reserved_minor"/)
    const sending = send({ DB: held.DB })
    await held.reached
    await env.DB.prepare(
      "UPDATE payments SET status = 'processing', version = version + 1 WHERE id = ?"
    )
      .bind(pending.paymentId)
      .run()
    held.release()
    const busy = await sending
    expect(busy.status).toBe(409)
    expect(busy.body.error.code).toBe('notification_in_progress')
    expect((await rowOf(pending.paymentId))!.refunded_minor).toBe(0)

    expect((await send({})).status).toBe(200)
    expect(await rowOf(pending.paymentId)).toEqual({
      status: 'partially_refunded',
      captured_minor: 10050,
      refunded_minor: 1000,
    })
  })

  it("apply a provider's word to a payment another writer moved meanwhile", async () => {
    const tenant = await createPayingTenant()
    const pending = (await pay(tenant, { use3D: true, callbackUrl: `${SHOP}/cb` })).body
    const db = createDb(env.DB)
    const stale = (await findPayment(db, tenant.tenantId, pending.paymentId))!
    // The cron marked it processing after our read.
    await env.DB.prepare(
      "UPDATE payments SET status = 'processing', version = version + 1 WHERE id = ?"
    )
      .bind(pending.paymentId)
      .run()
    const announced: string[] = []
    const after = await applyOutcome(
      { db, announce: async (_tenant, paymentId) => void announced.push(paymentId) },
      stale,
      { kind: 'succeeded', status: 'successful', providerPaymentId: pending.transactionId! },
      { operation: 'status', calls: [] },
      Date.now()
    )
    expect(after.status).toBe('successful')
    expect((await rowOf(pending.paymentId))!.status).toBe('successful')
    expect(announced).toEqual([pending.paymentId])
    // Announced once: the round that lost the race wrote no event.
    expect(await eventsOf(pending.paymentId)).toEqual(['payment.created', 'payment.succeeded'])
  })

  it('announce nothing for a change that lost to one the state machine does not undo', async () => {
    const tenant = await createPayingTenant()
    const authorized = (await pay(tenant, { capture: false })).body
    const db = createDb(env.DB)
    const stale = (await findPayment(db, tenant.tenantId, authorized.paymentId))!
    // A cancel won first: same next version, a final status.
    await env.DB.prepare(
      "UPDATE payments SET status = 'cancelled', version = version + 1 WHERE id = ?"
    )
      .bind(authorized.paymentId)
      .run()
    const after = await applyOutcome(
      { db, announce: async () => {} },
      stale,
      { kind: 'succeeded', status: 'successful', providerPaymentId: authorized.transactionId! },
      { operation: 'status', calls: [] },
      Date.now()
    )
    expect(after.status).toBe('cancelled')
    expect(await eventsOf(authorized.paymentId)).toEqual(['payment.created', 'payment.authorized'])
  })
})
