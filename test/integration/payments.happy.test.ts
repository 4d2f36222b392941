import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { call, type ErrorBody } from '../helpers/http'
import { card, createPayingTenant, type PaymentBody, pay, paymentBody } from '../helpers/payments'
import { callSandboxPsp } from '../helpers/sandbox'
import { createApiKey } from '../helpers/tenant'

describe('direct card payments with the sandbox', () => {
  it("answers the GoPay README's example with 201 and a successful payment", async () => {
    const tenant = await createPayingTenant()
    const res = await pay(tenant)
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      success: true,
      status: 'successful',
      paymentId: expect.stringMatching(/^pay_/),
      transactionId: expect.stringMatching(/^sbxch_/),
      amount: 100.5,
      amountMinor: 10050,
      currency: 'TRY',
      card: '552879******0008',
    })
  })

  it('accepts the amount as a string and keeps exact minor units for 0- and 3-decimal currencies', async () => {
    const tenant = await createPayingTenant()
    const jpy = await pay(tenant, { amount: '1500', currency: 'JPY' })
    expect(jpy.body).toMatchObject({ amount: 1500, amountMinor: 1500, currency: 'JPY' })
    const kwd = await pay(tenant, { amount: '1.234', currency: 'KWD' })
    expect(kwd.body).toMatchObject({ amount: 1.234, amountMinor: 1234, currency: 'KWD' })
  })

  it.each([
    ['4000000000000002', 'card_declined'],
    ['4000000000009995', 'insufficient_funds'],
    ['4000000000000069', 'expired_card'],
    ['4000000000000119', 'processing_error'],
    ['4000000000000127', 'incorrect_cvc'],
    ['4100000000000019', 'fraud_suspected'],
    ['4000000000006975', 'limit_exceeded'],
    ['4000000000009979', 'not_permitted'],
  ])('declines test card %s with 402 and decline code %s', async (number, declineCode) => {
    const tenant = await createPayingTenant()
    const res = await pay(tenant, { cardInfo: card(number) })
    expect(res.status).toBe(402)
    expect(res.body).toMatchObject({ success: false, status: 'failed', declineCode })
  })

  it('sends 4000000000003220 through 3-D Secure even without use3D', async () => {
    const tenant = await createPayingTenant()
    const res = await pay(tenant, {
      cardInfo: card('4000000000003220'),
      callbackUrl: 'https://shop.example.com/cb',
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      status: 'pending',
      redirectUrl: expect.stringContaining('/sandbox/3ds/'),
    })
  })

  it('succeeds with 4242424242424242 through an API key', async () => {
    const tenant = await createPayingTenant()
    const { key } = await createApiKey(tenant)
    const res = await call<PaymentBody>('POST', '/v1/payments/sandbox', {
      token: key,
      body: paymentBody({ cardInfo: card('4242 4242 4242 4242') }),
    })
    expect(res.status).toBe(201)
    expect(res.body.status).toBe('successful')
  })
})

describe('follow-up operations', () => {
  it('cancels a payment before settlement', async () => {
    const tenant = await createPayingTenant()
    const paid = await pay(tenant)
    const res = await call<PaymentBody>('DELETE', `/v1/payments/sandbox/${paid.body.paymentId}`, {
      token: tenant.token,
    })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ status: 'cancelled', success: true })
    const again = await call<ErrorBody>('DELETE', `/v1/payments/sandbox/${paid.body.paymentId}`, {
      token: tenant.token,
    })
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('invalid_transition')
  })

  it('cancels a pending 3-D Secure payment', async () => {
    const tenant = await createPayingTenant()
    const pending = await pay(tenant, { use3D: true, callbackUrl: 'https://shop.example.com/cb' })
    const res = await call<PaymentBody>(
      'DELETE',
      `/v1/payments/sandbox/${pending.body.paymentId}`,
      { token: tenant.token }
    )
    expect(res.body.status).toBe('cancelled')
  })

  it('authorizes, then captures', async () => {
    const tenant = await createPayingTenant()
    const authorized = await pay(tenant, { capture: false })
    expect(authorized.body).toMatchObject({ status: 'authorized', success: true })
    const refund = await call<ErrorBody>('POST', '/v1/payments/sandbox/refund', {
      token: tenant.token,
      body: { paymentId: authorized.body.paymentId },
    })
    expect(refund.status).toBe(409)
    const captured = await call<PaymentBody>(
      'POST',
      `/v1/payments/sandbox/${authorized.body.paymentId}/capture`,
      {
        token: tenant.token,
        body: {},
      }
    )
    expect(captured.status).toBe(200)
    expect(captured.body.status).toBe('successful')
  })

  it('captures only authorized payments: a pending one is a 409 and the provider is not asked', async () => {
    const tenant = await createPayingTenant()
    const pending = await pay(tenant, { use3D: true, callbackUrl: 'https://shop.example.com/cb' })
    const res = await call<ErrorBody>(
      'POST',
      `/v1/payments/sandbox/${pending.body.paymentId}/capture`,
      {
        token: tenant.token,
        body: {},
      }
    )
    expect(res.status).toBe(409)
    expect(res.body.error.code).toBe('invalid_transition')
    const still = await call<PaymentBody>('GET', `/v1/payments/sandbox/${pending.body.paymentId}`, {
      token: tenant.token,
    })
    expect(still.body.status).toBe('pending')
  })

  it('gives a refund back when the provider refuses it, so the amount stays refundable', async () => {
    const tenant = await createPayingTenant()
    const paid = await pay(tenant)
    // The charge is voided at the provider behind the gateway's back, so the provider refuses refunds.
    await callSandboxPsp(tenant, `/v1/charges/${paid.body.transactionId}/cancel`)
    const refused = await call<ErrorBody>('POST', '/v1/payments/sandbox/refund', {
      token: tenant.token,
      body: { paymentId: paid.body.paymentId, refundAmount: 10 },
    })
    expect(refused.status).toBe(422)
    expect(refused.body.error.code).toBe('provider_rejected')
    const row = await env.DB.prepare(
      'SELECT refund_reserved_minor, refunded_minor FROM payments WHERE id = ?'
    )
      .bind(paid.body.paymentId)
      .first()
    expect(row).toEqual({ refund_reserved_minor: 0, refunded_minor: 0 })
  })

  it('refunds the whole payment when no amount is given', async () => {
    const tenant = await createPayingTenant()
    const paid = await pay(tenant)
    const res = await call<PaymentBody>('POST', '/v1/payments/sandbox/refund', {
      token: tenant.token,
      body: { paymentId: paid.body.paymentId, reason: 'customer request' },
    })
    expect(res.body).toMatchObject({ status: 'refunded', refundedAmountMinor: 10050 })
  })

  it("lists the tenant's payments newest first, page by page", async () => {
    const tenant = await createPayingTenant()
    const ids: string[] = []
    for (let i = 0; i < 5; i++) ids.push((await pay(tenant)).body.paymentId)
    const first = await call<{ data: PaymentBody[]; nextCursor: string }>(
      'GET',
      '/v1/payments?limit=3',
      { token: tenant.token }
    )
    expect(first.body.data.map((p) => p.paymentId)).toEqual(ids.slice(2).reverse())
    const second = await call<{ data: PaymentBody[]; nextCursor: string | null }>(
      'GET',
      `/v1/payments?limit=3&cursor=${first.body.nextCursor}`,
      { token: tenant.token }
    )
    expect(second.body.data.map((p) => p.paymentId)).toEqual(ids.slice(0, 2).reverse())
    expect(second.body.nextCursor).toBeNull()
    const failed = await call<{ data: PaymentBody[] }>('GET', '/v1/payments?status=failed', {
      token: tenant.token,
    })
    expect(failed.body.data).toEqual([])
  })

  it('lists every provider with its capabilities', async () => {
    const res = await call<{ data: { id: string; capabilities: Record<string, unknown> }[] }>(
      'GET',
      '/v1/providers'
    )
    expect(res.body.data.find((p) => p.id === 'sandbox')!.capabilities).toMatchObject({
      threeDS: true,
      refund: true,
    })
  })
})
