import { describe, expect, it } from 'vitest'
import type { NotificationRequest } from '../types'
import { CONFIG, fakePayu, NOTIFY, ORDER_ID, payuOrder, payuSignatureHeader } from './test-context'
import { payuWebhooks } from './webhooks'

const orderNotification = (status: string) =>
  JSON.stringify({
    order: payuOrder({ status, payMethod: { type: 'PBL' } }),
    localReceiptDateTime: '2026-03-02T12:58:14.828+01:00',
    properties: [{ name: 'PAYMENT_ID', value: '151471228' }],
  })

/** PayU's refund notification example (no extRefundId in it). */
const refundNotification = (status: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    orderId: ORDER_ID,
    extOrderId: 'pay_1',
    refund: {
      refundId: '912128',
      amount: '2500',
      currencyCode: 'PLN',
      status,
      statusDateTime: '2026-08-20T19:43:09.208+02:00',
      reason: 'refund',
      reasonDescription: 'on customer’s request',
      refundDate: '2026-08-20T19:43:09.208+02:00',
      ...extra,
    },
  })

const post = (rawBody: string, headers: Record<string, string> = {}): NotificationRequest => ({
  method: 'POST',
  rawBody,
  headers: new Headers({ 'Content-Type': 'application/json;charset=UTF-8', ...headers }),
  query: new URLSearchParams(),
})

const about = { eventId: '', providerPaymentId: ORDER_ID, paymentId: 'pay_1' }

describe('PayU notifications: reading', () => {
  it('reads a COMPLETED order as paid and a CANCELED one as cancelled', () => {
    expect(payuWebhooks.parse(post(orderNotification('COMPLETED')))).toEqual([
      {
        ...about,
        change: {
          kind: 'payment',
          outcome: {
            kind: 'succeeded',
            status: 'successful',
            providerPaymentId: ORDER_ID,
            amountMinor: 10000,
            currency: 'PLN',
          },
        },
      },
    ])
    expect(payuWebhooks.parse(post(orderNotification('CANCELED')))[0]!.change).toEqual({
      kind: 'payment',
      outcome: { kind: 'cancelled', providerPaymentId: ORDER_ID },
    })
  })

  it('asks PayU about a WAITING_FOR_CONFIRMATION order once verified, and ignores NEW and PENDING', () => {
    expect(
      payuWebhooks.parse(post(orderNotification('WAITING_FOR_CONFIRMATION')))[0]!.change
    ).toEqual({ kind: 'query_status', signed: true })
    for (const status of ['NEW', 'PENDING']) {
      expect(payuWebhooks.parse(post(orderNotification(status)))[0]!.change.kind).toBe('ignored')
    }
  })

  it('reads a FINALIZED refund as booked money and a CANCELED one as a failed refund', () => {
    expect(payuWebhooks.parse(post(refundNotification('FINALIZED')))).toEqual([
      {
        ...about,
        change: {
          kind: 'refund',
          amountMinor: 2500,
          providerRefundId: '912128',
          reference: undefined,
        },
      },
    ])
    expect(
      payuWebhooks.parse(post(refundNotification('FINALIZED', { extRefundId: 'ref_1' })))[0]!.change
    ).toMatchObject({ reference: 'ref_1' })
    expect(
      payuWebhooks.parse(
        post(refundNotification('FINALIZED', { refundId: 912128, amount: 2500 }))
      )[0]!.change
    ).toMatchObject({ amountMinor: 2500, providerRefundId: '912128' })
    expect(payuWebhooks.parse(post(refundNotification('CANCELED')))[0]!.change).toEqual({
      kind: 'operation_failed',
      operation: 'refund',
      reason: 'PayU reports the refund CANCELED.',
      reference: '912128',
      providerReference: '912128',
    })
    expect(payuWebhooks.parse(post(refundNotification('PENDING')))[0]!.change.kind).toBe('ignored')
  })

  it('reads a refund notified without amount or currency, as PayU sends a panel refund', () => {
    const bare = (status: string) =>
      JSON.stringify({
        orderId: ORDER_ID,
        extOrderId: 'pay_1',
        refund: {
          refundId: '5000024357',
          status,
          reason: 'refund',
          refundDate: '2026-11-03T17:58:46.567+01:00',
        },
      })
    expect(payuWebhooks.parse(post(bare('FINALIZED')))).toEqual([
      { ...about, change: { kind: 'ignored', reason: 'refund without amount' } },
    ])
    expect(payuWebhooks.parse(post(bare('CANCELED')))[0]!.change).toMatchObject({
      kind: 'operation_failed',
      providerReference: '5000024357',
    })
  })

  it('reads nothing from a body that is not a PayU notification', () => {
    expect(payuWebhooks.parse(post('not json'))).toEqual([])
    expect(payuWebhooks.parse(post('{"order":{"orderId":"X","status":"PAID"}}'))).toEqual([])
    expect(payuWebhooks.parse({ ...post('{}'), method: 'GET' })).toEqual([])
  })
})

describe('PayU notifications: verification', () => {
  const { ctx } = fakePayu([])
  const verify = (request: NotificationRequest) =>
    payuWebhooks.verify(ctx, request, payuWebhooks.parse(request)[0]!)

  it('verifies the raw body signed with the second key, in MD5 and SHA-256', async () => {
    const body = orderNotification('COMPLETED')
    const md5 = await payuSignatureHeader(body, CONFIG.secondKey)
    expect(await verify(post(body, { 'OpenPayu-Signature': md5 }))).toBe(true)
    const sha = await payuSignatureHeader(body, CONFIG.secondKey, 'SHA-256')
    expect(await verify(post(body, { 'X-OpenPayU-Signature': sha }))).toBe(true)
  })

  it('refuses a changed body, another key, a missing header, or a POS without a second key', async () => {
    const body = orderNotification('COMPLETED')
    const header = await payuSignatureHeader(body, CONFIG.secondKey)
    const changed = body.replace('pay_1', 'pay_2')
    expect(await verify(post(changed, { 'OpenPayu-Signature': header }))).toBe(false)
    const other = await payuSignatureHeader(body, 'f096a39d78fbe03b8d23dde43b728cfd')
    expect(await verify(post(body, { 'OpenPayu-Signature': other }))).toBe(false)
    expect(await verify(post(body))).toBe(false)
    const keyless = fakePayu([], { posId: CONFIG.posId, clientSecret: CONFIG.clientSecret })
    const request = post(body, { 'OpenPayu-Signature': header })
    expect(await payuWebhooks.verify(keyless.ctx, request, payuWebhooks.parse(request)[0]!)).toBe(
      false
    )
  })

  it('answers PayU with HTTP 200, which stops its resends', () => {
    expect(payuWebhooks.acknowledgement.status).toBe(200)
    expect(payuWebhooks.methods).toEqual(['POST'])
    expect(NOTIFY).toContain('/v1/webhooks/payu')
  })
})
