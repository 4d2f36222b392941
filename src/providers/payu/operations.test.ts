import { describe, expect, it } from 'vitest'
import type { RefundInput } from '../types'
import { payuProvider as payu } from './adapter'
import { fakePayu, json, ORDER_ID, payuError, reference, retrieved, updated } from './test-context'

const authorized = reference({ authorizeOnly: true })
const paid = reference({ capturedMinor: 10000 })

const refundAnswer = (status: string, extra: Record<string, unknown> = {}) =>
  json(200, {
    orderId: ORDER_ID,
    refund: {
      refundId: '5000009987',
      extRefundId: 'ref_1',
      amount: '10000',
      currencyCode: 'PLN',
      description: 'Refund ref_1',
      creationDateTime: '2026-07-02T09:19:03.896+02:00',
      status,
      statusDateTime: '2026-07-02T09:19:04.013+02:00',
      ...extra,
    },
    status: { statusCode: 'SUCCESS', statusDesc: 'Refund queued for processing' },
  })

describe('PayU capture', () => {
  it('captures the whole order with an empty POST …/captures, a part with its amount', async () => {
    const payu_ = fakePayu([() => updated()])
    expect(await payu.capture(payu_.ctx, authorized, 10000)).toEqual({
      kind: 'succeeded',
      providerReference: ORDER_ID,
    })
    expect(await payu.capture(payu_.ctx, authorized, 4000)).toMatchObject({ kind: 'succeeded' })
    const [whole, part] = payu_.calls()
    expect(whole).toMatchObject({ method: 'POST', path: `/api/v2_1/orders/${ORDER_ID}/captures` })
    expect(whole!.body).toBe('')
    expect(whole!.headers).toMatchObject({ 'content-type': 'application/json' })
    expect(part).toMatchObject({ method: 'POST', path: `/api/v2_1/orders/${ORDER_ID}/captures` })
    expect(part!.body).toBe('{"amount":"4000","currencyCode":"PLN"}')
  })

  it('captures with the older PUT …/status where PayU does not know POST …/captures', async () => {
    const older = fakePayu([
      (r) =>
        r.method === 'POST' ? json(404, { status: { statusCode: 'DATA_NOT_FOUND' } }) : updated(),
    ])
    expect(await payu.capture(older.ctx, authorized, 10000)).toMatchObject({ kind: 'succeeded' })
    const [, put] = older.calls()
    expect(put).toMatchObject({ method: 'PUT', path: `/api/v2_1/orders/${ORDER_ID}/status` })
    expect(put!.body).toBe(`{"orderId":"${ORDER_ID}","orderStatus":"COMPLETED"}`)
  })

  it('takes a refused capture of an order already COMPLETED as done, and passes others on', async () => {
    const refusal = payuError(400, 'ERROR_VALUE_INVALID', { statusDesc: 'Order status is invalid' })
    const done = fakePayu([
      (r) => (r.method === 'GET' ? retrieved({ status: 'COMPLETED' }) : refusal),
    ])
    expect(await payu.capture(done.ctx, authorized, 10000)).toMatchObject({ kind: 'succeeded' })
    const refused = fakePayu([
      (r) => (r.method === 'GET' ? retrieved({ status: 'CANCELED' }) : refusal),
    ])
    expect(await payu.capture(refused.ctx, authorized, 10000)).toEqual({
      kind: 'rejected',
      reason: 'Order status is invalid',
      providerCode: 'ERROR_VALUE_INVALID',
    })
  })

  it('leaves a capture open after a 5xx, and refuses one without PayU’s orderId', async () => {
    const failing = fakePayu([() => payuError(500, 'ERROR_INTERNAL')])
    expect(await payu.capture(failing.ctx, authorized, 10000)).toEqual({
      kind: 'unknown',
      reason: 'http_500',
    })
    const none = fakePayu([])
    expect(
      await payu.capture(none.ctx, reference({ providerPaymentId: null }), 10000)
    ).toMatchObject({ kind: 'rejected' })
    expect(none.sent).toHaveLength(0)
  })
})

describe('PayU cancel', () => {
  it('cancels with DELETE /api/v2_1/orders/{orderId}', async () => {
    const payu_ = fakePayu([
      () =>
        json(200, { orderId: ORDER_ID, extOrderId: 'pay_1', status: { statusCode: 'SUCCESS' } }),
    ])
    expect(await payu.cancel(payu_.ctx, authorized)).toMatchObject({ kind: 'succeeded' })
    expect(payu_.calls()).toEqual([
      expect.objectContaining({ method: 'DELETE', path: `/api/v2_1/orders/${ORDER_ID}`, body: '' }),
    ])
  })

  it('takes an order already cancelled as cancelled, and a COMPLETED one as a refusal', async () => {
    const refusal = payuError(400, 'ERROR_VALUE_INVALID', {
      statusDesc: 'Order cannot be canceled',
    })
    const gone = fakePayu([
      (r) => (r.method === 'GET' ? retrieved({ status: 'CANCELED' }) : refusal),
    ])
    expect(await payu.cancel(gone.ctx, authorized)).toMatchObject({ kind: 'succeeded' })
    const completed = fakePayu([
      (r) => (r.method === 'GET' ? retrieved({ status: 'COMPLETED' }) : refusal),
    ])
    expect(await payu.cancel(completed.ctx, paid)).toMatchObject({
      kind: 'rejected',
      reason: 'Order cannot be canceled',
    })
  })
})

describe('PayU refund', () => {
  const whole: RefundInput = { refundId: 'ref_1', amountMinor: 10000, retry: false }

  it('posts a full refund without amount, a partial one with it, each with extRefundId', async () => {
    const payu_ = fakePayu([() => refundAnswer('PENDING')])
    expect(await payu.refund(payu_.ctx, paid, whole)).toEqual({
      kind: 'accepted',
      providerReference: '5000009987',
    })
    await payu.refund(payu_.ctx, paid, { refundId: 'ref_2', amountMinor: 2500, retry: false })
    const [full, part] = payu_.calls()
    expect(full).toMatchObject({ method: 'POST', path: `/api/v2_1/orders/${ORDER_ID}/refunds` })
    expect(full!.body).toBe(
      '{"refund":{"description":"Refund ref_1","extRefundId":"ref_1","currencyCode":"PLN"}}'
    )
    expect(part!.body).toBe(
      '{"refund":{"description":"Refund ref_2","amount":"2500","extRefundId":"ref_2","currencyCode":"PLN"}}'
    )
  })

  it('sends the rest of a partly refunded order with its amount', async () => {
    const payu_ = fakePayu([() => refundAnswer('PENDING')])
    await payu.refund(payu_.ctx, { ...paid, refundedMinor: 2500 }, { ...whole, amountMinor: 7500 })
    expect(JSON.parse(payu_.calls()[0]!.body).refund.amount).toBe('7500')
  })

  it.each([
    ['FINALIZED', { kind: 'succeeded', providerReference: '5000009987' }],
    [
      'CANCELED',
      { kind: 'rejected', reason: 'PayU reports the refund CANCELED.', providerCode: 'CANCELED' },
    ],
  ])('maps a refund answered %s', async (status, outcome) => {
    const payu_ = fakePayu([() => refundAnswer(status)])
    expect(await payu.refund(payu_.ctx, paid, whole)).toEqual(outcome)
  })

  it('reads a refund answered 201 like one answered 200', async () => {
    const answer = refundAnswer('PENDING') as { status: number; body: unknown }
    const payu_ = fakePayu([() => ({ ...answer, status: 201 })])
    expect(await payu.refund(payu_.ctx, paid, whole)).toMatchObject({ kind: 'accepted' })
  })

  it('passes PayU’s refund refusal on with its reason', async () => {
    const payu_ = fakePayu([
      () =>
        payuError(400, 'ERROR_VALUE_INVALID', {
          code: '9052',
          codeLiteral: 'AMOUNT_TO_BIG',
          statusDesc: 'Refund amount exceeds transaction amount',
        }),
    ])
    expect(await payu.refund(payu_.ctx, paid, whole)).toEqual({
      kind: 'rejected',
      reason: 'The refund exceeds what is left to refund.',
      providerCode: 'ERROR_VALUE_INVALID AMOUNT_TO_BIG',
    })
  })

  it('sends a retried refund the same bytes, and finds it in PayU’s list if PayU refuses it', async () => {
    const refusal = payuError(400, 'ERROR_VALUE_INVALID', { codeLiteral: 'PAID', code: '9056' })
    const list = json(200, {
      refunds: [
        {
          refundId: '5000009987',
          extRefundId: 'ref_1',
          amount: '10000',
          currencyCode: 'PLN',
          status: 'FINALIZED',
        },
      ],
    })
    const payu_ = fakePayu([(r) => (r.method === 'GET' ? list : refusal)])
    expect(await payu.refund(payu_.ctx, paid, { ...whole, retry: true })).toEqual({
      kind: 'succeeded',
      providerReference: '5000009987',
    })
    expect(payu_.calls().map((r) => `${r.method} ${r.path}`)).toEqual([
      `POST /api/v2_1/orders/${ORDER_ID}/refunds`,
      `GET /api/v2_1/orders/${ORDER_ID}/refunds`,
    ])
    const first = fakePayu([() => refusal])
    expect(await payu.refund(first.ctx, paid, whole)).toMatchObject({ kind: 'rejected' })
    expect(first.calls()).toHaveLength(1)
  })

  it('leaves a refund open after a 5xx or a lost answer', async () => {
    const failing = fakePayu([() => payuError(503, 'SERVICE_NOT_AVAILABLE')])
    expect(await payu.refund(failing.ctx, paid, whole)).toEqual({
      kind: 'unknown',
      reason: 'http_503',
    })
    const lost = fakePayu([() => 'network_error'])
    expect(await payu.refund(lost.ctx, paid, whole)).toEqual({
      kind: 'unknown',
      reason: 'network_error',
    })
  })
})
