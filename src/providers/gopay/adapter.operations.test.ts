import { describe, expect, it } from 'vitest'
import type { PaymentReference, RecurringParent } from '../types'
import { gopayProvider as gopay } from './adapter'
import { fakeGoPay, goPayError, goPayPayment, json } from './test-context'

const reference: PaymentReference = {
  paymentId: 'pay_1',
  providerPaymentId: '3123456789',
  amountMinor: 10000,
  currency: 'CZK',
  capturedMinor: 0,
  refundedMinor: 0,
  authorizeOnly: true,
}

describe('GoPay capture and cancel', () => {
  const authorized = goPayPayment({
    state: 'AUTHORIZED',
    preauthorization: { requested: true, state: 'AUTHORIZED' },
  })
  const finished = json(200, { id: 3123456789, result: 'FINISHED' })

  it('captures in full with an empty form post, in part with JSON amount and items', async () => {
    const gopay_ = fakeGoPay([() => finished])
    expect(await gopay.capture(gopay_.ctx, reference, 10000)).toMatchObject({ kind: 'succeeded' })
    expect(await gopay.capture(gopay_.ctx, reference, 4000)).toMatchObject({ kind: 'succeeded' })
    const [full, part] = gopay_.calls()
    expect(full).toMatchObject({
      method: 'POST',
      path: '/payments/payment/3123456789/capture',
      body: '',
    })
    expect(full!.headers['content-type']).toBe('application/x-www-form-urlencoded')
    expect(part!.headers['content-type']).toBe('application/json')
    expect(JSON.parse(part!.body)).toEqual({
      amount: 4000,
      items: [{ type: 'ITEM', name: 'Captured part of payment pay_1', amount: 4000, count: 1 }],
    })
  })

  it('takes ACCEPTED as accepted and an already captured payment as captured', async () => {
    const accepted = fakeGoPay([() => json(200, { id: 3123456789, result: 'ACCEPTED' })])
    expect(await gopay.capture(accepted.ctx, reference, 10000)).toMatchObject({ kind: 'accepted' })
    const done = fakeGoPay([
      () => json(409, goPayError(351, { error_name: 'PAYMENT_CAPTURE_DONE' })),
    ])
    expect(await gopay.capture(done.ctx, reference, 10000)).toEqual({ kind: 'succeeded' })
  })

  it('voids an authorization after checking its state', async () => {
    const gopay_ = fakeGoPay([(r) => (r.method === 'GET' ? json(200, authorized) : finished)])
    expect(await gopay.cancel(gopay_.ctx, reference)).toMatchObject({ kind: 'succeeded' })
    expect(gopay_.calls().map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /payments/payment/3123456789',
      'POST /payments/payment/3123456789/void-authorization',
    ])
    expect(gopay_.calls()[1]!.headers['content-type']).toBe('application/x-www-form-urlencoded')
  })

  it('refuses to void a paid payment: it must be refunded', async () => {
    const gopay_ = fakeGoPay([() => json(200, goPayPayment({ state: 'PAID' }))])
    expect(await gopay.cancel(gopay_.ctx, { ...reference, capturedMinor: 10000 })).toEqual({
      kind: 'rejected',
      reason: 'GoPay cannot void a PAID payment; refund it instead.',
      providerCode: 'PAID',
    })
    expect(gopay_.calls()).toHaveLength(1)
  })

  it('takes a payment GoPay already ended as void, and passes a refusal on', async () => {
    const gone = fakeGoPay([() => json(200, goPayPayment({ state: 'CANCELED' }))])
    expect(await gopay.cancel(gone.ctx, reference)).toMatchObject({ kind: 'succeeded' })
    const refused = fakeGoPay([
      (r) =>
        r.method === 'GET'
          ? json(200, authorized)
          : json(409, goPayError(352, { message: 'Void failed' })),
    ])
    expect(await gopay.cancel(refused.ctx, reference)).toEqual({
      kind: 'rejected',
      reason: 'Void failed',
      providerCode: '352 PAYMENT_AUTH_VOID_FAILED',
    })
  })
})

describe('GoPay recurrence stop', () => {
  const parent: RecurringParent = {
    ...reference,
    capturedMinor: 10000,
    recurringToken: '3123456789:9876543210',
    customerEmail: 'jan.novak@example.com',
  }

  it('stops the recurrence, takes "already stopped" as stopped, and deletes the stored card', async () => {
    const gopay_ = fakeGoPay([
      (r) => (r.method === 'DELETE' ? { status: 204 } : json(409, goPayError(342))),
    ])
    expect(await gopay.stopRecurring(gopay_.ctx, parent)).toEqual({ kind: 'succeeded' })
    expect(gopay_.calls().map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /payments/payment/3123456789/void-recurrence',
      'DELETE /payments/cards/9876543210',
    ])
  })
})
