import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { toHex } from '../../src/crypto/encoding'
import { hmac } from '../../src/crypto/hash'
import { call, type ErrorBody } from '../helpers/http'
import {
  completeThreeDS,
  createPayingTenant,
  type PaymentBody,
  pay,
  pressThreeDS,
  SHOP,
} from '../helpers/payments'

describe('a sandbox 3-D Secure payment, end to end', () => {
  it('authenticates, returns to the merchant signed, and refunds in parts up to the total', async () => {
    const tenant = await createPayingTenant()
    const created = await pay(tenant, {
      use3D: true,
      callbackUrl: `${SHOP}/payment-callback?order=42`,
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      success: true,
      status: 'pending',
      amount: 100.5,
      amountMinor: 10050,
      currency: 'TRY',
      transactionId: expect.stringMatching(/^sbxch_/),
    })

    const page = await call<string>('GET', new URL(created.body.redirectUrl!).pathname)
    expect(page.status).toBe(200)
    expect(page.body).toContain('Authenticate')
    expect(page.body).toContain('552879******0008')
    expect(page.body).not.toContain('5528790000000008')

    const { callback } = await completeThreeDS(created.body.redirectUrl!, 'authenticate')
    expect(callback.status).toBe(303)
    const merchant = new URL(callback.headers.get('Location')!)
    expect(`${merchant.origin}${merchant.pathname}`).toBe(`${SHOP}/payment-callback`)
    const params = Object.fromEntries(merchant.searchParams)
    expect(params).toMatchObject({
      order: '42',
      success: 'true',
      paymentId: created.body.paymentId,
      status: 'successful',
    })

    // The merchant verifies the redirect with its callback secret, as the README shows.
    const { body: secret } = await call<{ callbackSecret: string }>(
      'GET',
      '/v1/config/callback-secret',
      { token: tenant.token }
    )
    const raw = merchant.search.slice(1)
    const at = raw.lastIndexOf('&signature=')
    const expected = toHex(await hmac('SHA-256', secret.callbackSecret, raw.slice(0, at)))
    expect(raw.slice(at + '&signature='.length)).toBe(expected)
    expect(params.signature).toBe(expected)

    const status = await call<PaymentBody>(
      'GET',
      `/v1/payments/sandbox/${created.body.paymentId}`,
      { token: tenant.token }
    )
    expect(status.body).toMatchObject({ status: 'successful', success: true })

    const refund = (refundAmount?: number) =>
      call<PaymentBody & ErrorBody>('POST', '/v1/payments/sandbox/refund', {
        token: tenant.token,
        body: { paymentId: created.body.paymentId, refundAmount },
      })
    const first = await refund(40.25)
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({
      status: 'partially_refunded',
      refundedAmountMinor: 4025,
      refund: { amountMinor: 4025 },
    })
    const rest = await refund()
    expect(rest.status).toBe(200)
    expect(rest.body).toMatchObject({
      status: 'refunded',
      refundedAmountMinor: 10050,
      refund: { amountMinor: 6025 },
    })
    const last = await env.DB.prepare(
      'SELECT type, data FROM payment_events WHERE payment_id = ? ORDER BY id DESC LIMIT 1'
    )
      .bind(created.body.paymentId)
      .first<{ type: string; data: string }>()
    expect(last!.type).toBe('payment.refunded')
    expect(JSON.parse(last!.data)).toMatchObject({
      status: 'refunded',
      success: true,
      refundedAmountMinor: 10050,
      refundedAmount: 100.5,
      amountMinor: 10050,
      updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    })
    const over = await refund(0.01)
    expect(over.status).toBe(409)
    expect(over.body.error.code).toBe('invalid_transition')
  })

  it('leaves the payment open when the return lost its signature, and the provider settles it', async () => {
    const tenant = await createPayingTenant()
    const created = await pay(tenant, { use3D: true, callbackUrl: `${SHOP}/cb` })
    const back = await pressThreeDS(created.body.redirectUrl!, 'authenticate')
    back.searchParams.delete('signature') // a truncated link: the shopper did pay
    const callback = await call('GET', `${back.pathname}${back.search}`)
    expect(callback.status).toBe(303)
    const merchant = new URL(callback.headers.get('Location')!)
    expect(Object.fromEntries(merchant.searchParams)).toMatchObject({
      success: 'false',
      status: 'processing',
    })
    const status = await call<PaymentBody>(
      'GET',
      `/v1/payments/sandbox/${created.body.paymentId}`,
      { token: tenant.token }
    )
    expect(status.body).toMatchObject({ status: 'successful', success: true })
  })

  it('fails when the shopper fails authentication, and tells the merchant why', async () => {
    const tenant = await createPayingTenant()
    const created = await pay(tenant, { use3D: true, callbackUrl: `${SHOP}/cb` })
    const { callback } = await completeThreeDS(created.body.redirectUrl!, 'fail')
    const merchant = new URL(callback.headers.get('Location')!)
    expect(Object.fromEntries(merchant.searchParams)).toMatchObject({
      success: 'false',
      status: 'failed',
      error: 'authentication_failed',
    })
    const status = await call<PaymentBody>(
      'GET',
      `/v1/payments/sandbox/${created.body.paymentId}`,
      { token: tenant.token }
    )
    expect(status.body).toMatchObject({
      status: 'failed',
      declineCode: 'authentication_failed',
      success: false,
    })
  })

  it('refuses a partial refund beyond what is left', async () => {
    const tenant = await createPayingTenant()
    const paid = await pay(tenant)
    const res = await call<ErrorBody>('POST', '/v1/payments/sandbox/refund', {
      token: tenant.token,
      body: { paymentId: paid.body.paymentId, refundAmount: '100.51' },
    })
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe('refund_exceeds_captured')
  })
})
