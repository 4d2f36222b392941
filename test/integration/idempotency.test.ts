import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { newId } from '../../src/domain/ids'
import { IDEMPOTENCY_IN_FLIGHT_MS } from '../../src/durable-objects/tenant-guard'
import { requestFingerprint } from '../../src/http/middleware/tenant-guard'
import { call, type ErrorBody } from '../helpers/http'
import {
  callWithEnv,
  createPayingTenant,
  type PaymentBody,
  pay,
  paymentBody,
} from '../helpers/payments'
import { createApiKey } from '../helpers/tenant'

const generous = callWithEnv({
  TENANT_PAYMENT_RATE_LIMIT: '10000',
  TENANT_GLOBAL_RATE_LIMIT: '10000',
})

describe('Idempotency-Key', () => {
  it('replays the first answer byte for byte, marked as a replay', async () => {
    const tenant = await createPayingTenant()
    const first = await call<string>('POST', '/v1/payments/sandbox', {
      token: tenant.token,
      rawBody: JSON.stringify(paymentBody()),
      headers: { 'Idempotency-Key': 'order-1001' },
    })
    const again = await call<string>('POST', '/v1/payments/sandbox', {
      token: tenant.token,
      rawBody: JSON.stringify(paymentBody()),
      headers: { 'Idempotency-Key': 'order-1001' },
    })
    expect(first.status).toBe(201)
    expect(again.status).toBe(201)
    expect(JSON.stringify(again.body)).toBe(JSON.stringify(first.body))
    expect(again.headers.get('Idempotent-Replayed')).toBe('true')
    expect(first.headers.get('Idempotent-Replayed')).toBeNull()
  })

  it('replays declines too, with their 402', async () => {
    const tenant = await createPayingTenant()
    const body = paymentBody({
      cardInfo: { ...paymentBody().cardInfo, cardNumber: '4000000000000002' },
    })
    const first = await pay(tenant, body, { headers: { 'Idempotency-Key': 'declined-1' } })
    const again = await pay(tenant, body, { headers: { 'Idempotency-Key': 'declined-1' } })
    expect([first.status, again.status]).toEqual([402, 402])
    expect(again.body.paymentId).toBe(first.body.paymentId)
  })

  it('refuses the same key with a different body (422)', async () => {
    const tenant = await createPayingTenant()
    await pay(tenant, {}, { headers: { 'Idempotency-Key': 'order-2' } })
    const other = await call<ErrorBody>('POST', '/v1/payments/sandbox', {
      token: tenant.token,
      body: paymentBody({ amount: 200 }),
      headers: { 'Idempotency-Key': 'order-2' },
    })
    expect(other.status).toBe(422)
    expect(other.body.error.code).toBe('idempotency_key_reused')
  })

  it('takes the same JSON with its keys in another order and other spacing as the same request', async () => {
    const tenant = await createPayingTenant()
    const body = paymentBody()
    const first = await call<PaymentBody>('POST', '/v1/payments/sandbox', {
      token: tenant.token,
      rawBody: JSON.stringify(body),
      headers: { 'Idempotency-Key': 'order-reordered' },
    })
    const reordered: Record<string, unknown> = Object.fromEntries(Object.entries(body).reverse())
    reordered.customer = Object.fromEntries(Object.entries(body.customer).reverse())
    const again = await call<PaymentBody>('POST', '/v1/payments/sandbox', {
      token: tenant.token,
      rawBody: JSON.stringify(reordered, null, 2),
      headers: { 'Idempotency-Key': 'order-reordered' },
    })
    expect(first.status).toBe(201)
    expect(again.status).toBe(201)
    expect(again.headers.get('Idempotent-Replayed')).toBe('true')
    expect(again.body.paymentId).toBe(first.body.paymentId)
  })

  it('keys are per tenant', async () => {
    const a = await createPayingTenant()
    const b = await createPayingTenant()
    const fromA = await pay(a, {}, { headers: { 'Idempotency-Key': 'shared-key' } })
    const fromB = await pay(b, {}, { headers: { 'Idempotency-Key': 'shared-key' } })
    expect(fromB.headers.get('Idempotent-Replayed')).toBeNull()
    expect(fromB.body.paymentId).not.toBe(fromA.body.paymentId)
  })

  it('keys are per mode: a live request never replays a test answer', async () => {
    const tenant = await createPayingTenant()
    const test = await createApiKey(tenant, 'test')
    const live = await createApiKey(tenant, 'live')
    const send = (key: string) =>
      call<ErrorBody>('POST', '/v1/payments/sandbox', {
        token: key,
        rawBody: JSON.stringify(paymentBody()),
        headers: { 'Idempotency-Key': 'order-9' },
      })
    expect((await send(test.key)).status).toBe(201)
    const fromLive = await send(live.key)
    expect(fromLive.headers.get('Idempotent-Replayed')).toBeNull()
    expect(fromLive.status).toBe(422) // the sandbox has no live environment
  })

  it('gives a retried refund the refund id its first attempt reserved', async () => {
    const tenant = await createPayingTenant()
    const paid = await pay(tenant)
    const body = JSON.stringify({ paymentId: paid.body.paymentId, refundAmount: 10 })
    // A first attempt claimed the key, then its Worker died before answering.
    const reservedId = newId('refund')
    await env.TENANT_GUARD.get(env.TENANT_GUARD.idFromName(`tenant:${tenant.tenantId}`)).admit(
      [{ bucket: 'test-only', limitPerMinute: 1, burst: 0 }],
      {
        key: 'any:refund-once',
        fingerprint: await requestFingerprint('POST', '/v1/payments/sandbox/refund', body),
        reservedId,
      },
      Date.now() - IDEMPOTENCY_IN_FLIGHT_MS - 1000
    )
    const retried = await call<{ refund: { id: string } }>('POST', '/v1/payments/sandbox/refund', {
      token: tenant.token,
      rawBody: body,
      headers: { 'Idempotency-Key': 'refund-once' },
    })
    expect(retried.status).toBe(200)
    expect(retried.body.refund.id).toBe(reservedId)
  })

  it('does not store answers to requests that failed validation', async () => {
    const tenant = await createPayingTenant()
    const invalid = await pay(
      tenant,
      { currency: 'XYZ' },
      { headers: { 'Idempotency-Key': 'fix-and-retry' } }
    )
    expect(invalid.status).toBe(400)
    const fixed = await pay(tenant, {}, { headers: { 'Idempotency-Key': 'fix-and-retry' } })
    expect(fixed.status).toBe(201)
  })

  it('refuses a malformed key', async () => {
    const tenant = await createPayingTenant()
    const res = await pay(tenant, {}, { headers: { 'Idempotency-Key': 'x'.repeat(256) } })
    expect(res.status).toBe(400)
  })

  it('makes one payment and one provider call out of 50 identical concurrent requests', async () => {
    const tenant = await createPayingTenant()
    const requests = Array.from({ length: 50 }, () =>
      generous<PaymentBody & ErrorBody>('POST', '/v1/payments/sandbox', {
        token: tenant.token,
        body: paymentBody(),
        headers: { 'Idempotency-Key': 'checkout-7' },
      })
    )
    const answers = await Promise.all(requests)
    const created = answers.filter((a) => a.status === 201)
    const running = answers.filter((a) => a.status === 409)
    expect(created.length + running.length).toBe(50)
    expect(new Set(created.map((a) => a.body.paymentId)).size).toBe(1)
    expect(running.every((a) => a.body.error.code === 'idempotency_in_flight')).toBe(true)

    const payments = await env.DB.prepare('SELECT COUNT(*) AS n FROM payments WHERE tenant_id = ?')
      .bind(tenant.tenantId)
      .first<{ n: number }>()
    const charges = await env.DB.prepare(
      'SELECT COUNT(*) AS n FROM sandbox_charges WHERE merchant_id = ?'
    )
      .bind(tenant.tenantId)
      .first<{ n: number }>()
    const calls = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM provider_logs WHERE tenant_id = ? AND operation = 'create'"
    )
      .bind(tenant.tenantId)
      .first<{ n: number }>()
    expect([payments!.n, charges!.n, calls!.n]).toEqual([1, 1, 1])

    const later = await pay(tenant, {}, { headers: { 'Idempotency-Key': 'checkout-7' } })
    expect(later.body.paymentId).toBe(created[0]!.body.paymentId)
  })
})
