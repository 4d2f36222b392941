import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { newId } from '../../src/domain/ids'
import { REFUSED_NOTIFICATIONS_PER_MINUTE } from '../../src/http/rate-limits'
import { NOTIFICATION_CLAIM_STALE_MS } from '../../src/payments/provider-notifications'
import { call, type ErrorBody, nextIp } from '../helpers/http'
import { createPayingTenant, eventsOf, type PaymentBody, pay, SHOP } from '../helpers/payments'
import { callSandboxPsp, charge, notify } from '../helpers/sandbox'
import type { TestTenant } from '../helpers/tenant'

const statusOf = async (tenant: TestTenant, paymentId: string) =>
  (await env.DB.prepare('SELECT status FROM payments WHERE tenant_id = ? AND id = ?')
    .bind(tenant.tenantId, paymentId)
    .first<{ status: string }>())!.status

async function pendingPayment() {
  const tenant = await createPayingTenant()
  const created = await pay(tenant, { use3D: true, callbackUrl: `${SHOP}/cb` })
  return { tenant, payment: created.body }
}

describe('provider notifications', () => {
  it('arrive by the method the provider uses; another method is a 405 naming it', async () => {
    const res = await call<ErrorBody>('GET', '/v1/webhooks/sandbox?id=sbxch_1')
    expect(res.status).toBe(405)
    expect(res.body.error.code).toBe('method_not_allowed')
    expect(res.headers.get('Allow')).toBe('POST')
  })

  it('apply a verified notification once and answer as the provider expects', async () => {
    const { tenant, payment } = await pendingPayment()
    const id = newId('sandboxEvent')
    const first = await notify(tenant, 'charge.succeeded', charge(payment, 'succeeded'), { id })
    expect(first.status).toBe(200)
    expect(first.body).toEqual({ received: true })
    expect(await statusOf(tenant, payment.paymentId)).toBe('successful')
    const again = await notify(tenant, 'charge.succeeded', charge(payment, 'succeeded'), { id })
    expect(again.status).toBe(200)
    expect(await eventsOf(payment.paymentId)).toEqual(['payment.created', 'payment.succeeded'])
  })

  it('refuse an unverifiable notification with 401, change nothing, and ask the provider instead', async () => {
    const { tenant, payment } = await pendingPayment()
    const res = await notify(tenant, 'charge.succeeded', charge(payment, 'succeeded'), {
      tamper: true,
    })
    expect(res.status).toBe(401)
    expect(await statusOf(tenant, payment.paymentId)).toBe('pending')
    const asked = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM provider_logs WHERE payment_id = ? AND operation = 'status'"
    )
      .bind(payment.paymentId)
      .first<{ n: number }>()
    expect(asked!.n).toBe(1)
    const stored = await env.DB.prepare(
      'SELECT verified, outcome FROM provider_notifications WHERE payment_id = ?'
    )
      .bind(payment.paymentId)
      .first()
    expect(stored).toEqual({ verified: 0, outcome: 'unverified' })
  })

  it('apply one of many identical notifications arriving at once', async () => {
    const tenant = await createPayingTenant()
    const paid = await pay(tenant)
    const id = newId('sandboxEvent')
    const refund = {
      refund: { id: 'sbxre_dashboard', amount: 1000, reference: 'dashboard-refund' },
    }
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        notify(tenant, 'charge.refunded', charge(paid.body, 'succeeded', refund), { id })
      )
    )
    // Copies that meet another one mid-apply are told to retry; none is acknowledged unapplied.
    expect(answers.every((a) => a.status === 200 || a.status === 409)).toBe(true)
    expect(answers.some((a) => a.status === 200)).toBe(true)
    const retry = await notify(tenant, 'charge.refunded', charge(paid.body, 'succeeded', refund), {
      id,
    })
    expect(retry.status).toBe(200)
    const row = await env.DB.prepare('SELECT refunded_minor FROM payments WHERE id = ?')
      .bind(paid.body.paymentId)
      .first()
    expect(row).toEqual({ refunded_minor: 1000 })
  })

  it('take over a copy whose Worker stopped mid-apply once its claim is stale', async () => {
    const { tenant, payment } = await pendingPayment()
    const id = newId('sandboxEvent')
    const stopped = (age: number) =>
      env.DB.prepare(
        `INSERT OR REPLACE INTO provider_notifications
          (id, provider, dedupe_key, tenant_id, payment_id, verified, outcome, raw_body, received_at)
          VALUES (?, 'sandbox', ?, ?, ?, 1, 'applying', '{}', ?)`
      )
        .bind(
          newId('providerNotification'),
          id,
          tenant.tenantId,
          payment.paymentId,
          Date.now() - age
        )
        .run()
    await stopped(5_000)
    const early = await notify(tenant, 'charge.succeeded', charge(payment, 'succeeded'), { id })
    expect(early.status).toBe(409)
    expect((early.body as unknown as ErrorBody).error.code).toBe('notification_in_progress')
    expect(await statusOf(tenant, payment.paymentId)).toBe('pending')

    await stopped(NOTIFICATION_CLAIM_STALE_MS + 1_000)
    const late = await notify(tenant, 'charge.succeeded', charge(payment, 'succeeded'), { id })
    expect(late.status).toBe(200)
    expect(await statusOf(tenant, payment.paymentId)).toBe('successful')
    const stored = await env.DB.prepare(
      'SELECT outcome FROM provider_notifications WHERE provider = ? AND dedupe_key = ?'
    )
      .bind('sandbox', id)
      .first()
    expect(stored).toEqual({ outcome: 'payment' })
    const again = await notify(tenant, 'charge.succeeded', charge(payment, 'succeeded'), { id })
    expect(again.status).toBe(200)
    expect(await eventsOf(payment.paymentId)).toEqual(['payment.created', 'payment.succeeded'])
  })

  it('still apply the genuine notification after a forged copy of it was refused', async () => {
    const { tenant, payment } = await pendingPayment()
    const id = newId('sandboxEvent')
    expect(
      (await notify(tenant, 'charge.succeeded', charge(payment, 'succeeded'), { id, tamper: true }))
        .status
    ).toBe(401)
    expect(
      (await notify(tenant, 'charge.succeeded', charge(payment, 'succeeded'), { id })).status
    ).toBe(200)
    expect(await statusOf(tenant, payment.paymentId)).toBe('successful')
  })

  it('stop storing and acting on refused copies from one address past the limit', async () => {
    const { tenant, payment } = await pendingPayment()
    const ip = nextIp()
    const forged = () =>
      notify(tenant, 'charge.succeeded', charge(payment, 'succeeded'), { tamper: true, ip })
    for (let i = 0; i < REFUSED_NOTIFICATIONS_PER_MINUTE; i++)
      expect((await forged()).status).toBe(401)
    const over = await forged()
    expect(over.status).toBe(429)
    expect(over.headers.get('Retry-After')).toMatch(/^\d+$/)
    const stored = await env.DB.prepare(
      'SELECT COUNT(*) AS n FROM provider_notifications WHERE payment_id = ?'
    )
      .bind(payment.paymentId)
      .first<{ n: number }>()
    expect(stored!.n).toBe(REFUSED_NOTIFICATIONS_PER_MINUTE)
    // The genuine notification from the same address is not counted, and still applies.
    const genuine = await notify(tenant, 'charge.succeeded', charge(payment, 'succeeded'), { ip })
    expect(genuine.status).toBe(200)
    expect(await statusOf(tenant, payment.paymentId)).toBe('successful')
  })

  it('answer 404 for a payment the gateway does not know, so the provider retries', async () => {
    const { tenant, payment } = await pendingPayment()
    const res = await notify(
      tenant,
      'charge.succeeded',
      charge({ ...payment, paymentId: 'pay_unknown', transactionId: 'sbxch_unknown' }, 'succeeded')
    )
    expect(res.status).toBe(404)
  })

  it('refuse what is not a sandbox notification with 400, and unknown providers with 404', async () => {
    const bad = await call<ErrorBody>('POST', '/v1/webhooks/sandbox', {
      rawBody: '{"hello":"world"}',
    })
    expect(bad.status).toBe(400)
    const unknown = await call<ErrorBody>('POST', '/v1/webhooks/paypalish', { rawBody: '{}' })
    expect(unknown.status).toBe(404)
  })

  it('end in the right state when a refund arrives before the success', async () => {
    const { tenant, payment } = await pendingPayment()
    const refund = {
      refund: { id: 'sbxre_dashboard1', amount: 5000, reference: 'dashboard-refund-1' },
    }
    expect(
      (await notify(tenant, 'charge.refunded', charge(payment, 'succeeded', refund))).status
    ).toBe(200)
    expect(await statusOf(tenant, payment.paymentId)).toBe('partially_refunded')
    expect((await notify(tenant, 'charge.succeeded', charge(payment, 'succeeded'))).status).toBe(
      200
    )
    expect(await statusOf(tenant, payment.paymentId)).toBe('partially_refunded')
    const rest = {
      refund: { id: 'sbxre_dashboard2', amount: 5050, reference: 'dashboard-refund-2' },
    }
    await notify(tenant, 'charge.refunded', charge(payment, 'succeeded', rest))
    expect(await statusOf(tenant, payment.paymentId)).toBe('refunded')
    expect(await eventsOf(payment.paymentId)).toEqual([
      'payment.created',
      'payment.succeeded',
      'payment.partially_refunded',
      'payment.refunded',
    ])
  })

  it('do not book twice a refund the gateway made itself', async () => {
    const tenant = await createPayingTenant()
    const paid = await pay(tenant)
    const refunded = await call<PaymentBody>('POST', '/v1/payments/sandbox/refund', {
      token: tenant.token,
      body: { paymentId: paid.body.paymentId, refundAmount: 10 },
    })
    const refundId = refunded.body.refund!.id
    await notify(
      tenant,
      'charge.refunded',
      charge(paid.body, 'succeeded', {
        refund: { id: 'sbxre_x', amount: 1000, reference: refundId },
      })
    )
    const row = await env.DB.prepare('SELECT refunded_minor FROM payments WHERE id = ?')
      .bind(paid.body.paymentId)
      .first()
    expect(row).toEqual({ refunded_minor: 1000 })
  })

  it('keep the amount the provider reports captured, not the authorized one', async () => {
    const tenant = await createPayingTenant()
    const authorized = await pay(tenant, { capture: false })
    // The capture reached the provider, but its answer never reached the gateway.
    await callSandboxPsp(tenant, `/v1/charges/${authorized.body.transactionId}/capture`, {
      amount: 5000,
    })
    const succeeded = charge(authorized.body, 'succeeded')
    const notified = await notify(tenant, 'charge.succeeded', {
      ...succeeded,
      object: { ...succeeded.object, captured_amount: 5000 },
    })
    expect(notified.status).toBe(200)
    const refund = await call<PaymentBody & { refundedAmountMinor: number }>(
      'POST',
      '/v1/payments/sandbox/refund',
      { token: tenant.token, body: { paymentId: authorized.body.paymentId } }
    )
    expect(refund.status).toBe(200)
    expect(refund.body).toMatchObject({ status: 'refunded', refundedAmountMinor: 5000 })
  })

  it('move a disputed payment to chargeback', async () => {
    const tenant = await createPayingTenant()
    const paid = await pay(tenant)
    const res = await notify(
      tenant,
      'charge.dispute.created',
      charge(paid.body, 'succeeded', { dispute: { amount: 10050, reason: 'fraudulent' } })
    )
    expect(res.status).toBe(200)
    expect(await statusOf(tenant, paid.body.paymentId)).toBe('chargeback')
    expect((await eventsOf(paid.body.paymentId)).at(-1)).toBe('payment.chargeback')
  })
})
