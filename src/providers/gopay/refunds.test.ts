import { describe, expect, it } from 'vitest'
import type { PaymentReference } from '../types'
import { gopayProvider as gopay } from './adapter'
import { settledByHistory } from './refunds'
import { fakeGoPay, goPayError, json, type SentRequest } from './test-context'

const paid: PaymentReference = {
  paymentId: 'pay_1',
  providerPaymentId: '3123456789',
  amountMinor: 10000,
  currency: 'CZK',
  capturedMinor: 10000,
  refundedMinor: 0,
  authorizeOnly: false,
}

const finished = json(200, { id: 3123456789, result: 'FINISHED' })
const isHistory = (r: SentRequest) => r.method === 'GET' && r.path.endsWith('/refunds')
const history = (...refunds: [state: string, amount: number][]) =>
  json(
    200,
    refunds.map(([state, amount]) => ({
      id: 3123456789,
      state,
      amount,
      currency: 'CZK',
      date_requested: '2024-04-04',
    }))
  )

describe('GoPay refunds', () => {
  it('posts amount=<minor units> as a form, for a full or a partial refund', async () => {
    const gopay_ = fakeGoPay([() => finished])
    expect(
      await gopay.refund(gopay_.ctx, paid, { refundId: 'rf_1', amountMinor: 2500, retry: false })
    ).toEqual({
      kind: 'succeeded',
    })
    const [sent] = gopay_.calls()
    expect(sent).toMatchObject({
      method: 'POST',
      path: '/payments/payment/3123456789/refund',
      body: 'amount=2500',
    })
    expect(sent!.headers['content-type']).toBe('application/x-www-form-urlencoded')
    expect(sent!.headers.accept).toBe('application/json')
  })

  it('maps ACCEPTED, FAILED and GoPay’s refusals', async () => {
    const accepted = fakeGoPay([() => json(200, { id: 3123456789, result: 'ACCEPTED' })])
    expect(
      await gopay.refund(accepted.ctx, paid, { refundId: 'rf', amountMinor: 1, retry: false })
    ).toEqual({
      kind: 'accepted',
    })
    const failed = fakeGoPay([() => json(200, { id: 3123456789, result: 'FAILED' })])
    expect(
      await gopay.refund(failed.ctx, paid, { refundId: 'rf', amountMinor: 1, retry: false })
    ).toMatchObject({
      kind: 'rejected',
      providerCode: 'FAILED',
    })
    const over = fakeGoPay([() => json(409, goPayError(332, { message: 'Wrong amount' }))])
    expect(
      await gopay.refund(over.ctx, paid, { refundId: 'rf', amountMinor: 20000, retry: false })
    ).toEqual({
      kind: 'rejected',
      reason: 'Wrong amount',
      providerCode: '332',
    })
    const down = fakeGoPay([() => json(503, '')])
    expect(
      await gopay.refund(down.ctx, paid, { refundId: 'rf', amountMinor: 1, retry: false })
    ).toMatchObject({
      kind: 'unknown',
    })
  })

  it('does not refund again when a retried refund is already in GoPay’s history', async () => {
    const gopay_ = fakeGoPay([(r) => (isHistory(r) ? history(['SUCCESS', 10000]) : finished)])
    expect(
      await gopay.refund(gopay_.ctx, paid, { refundId: 'rf', amountMinor: 10000, retry: true })
    ).toEqual({
      kind: 'succeeded',
    })
    expect(gopay_.calls().map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /payments/payment/3123456789/refunds',
    ])
  })

  it('sends a retried refund that GoPay never got, ignoring failed and booked ones', async () => {
    const gopay_ = fakeGoPay([
      (r) => (isHistory(r) ? history(['SUCCESS', 3000], ['FAILED', 5000]) : finished),
    ])
    const booked = { ...paid, refundedMinor: 3000 }
    expect(
      await gopay.refund(gopay_.ctx, booked, { refundId: 'rf', amountMinor: 7000, retry: true })
    ).toEqual({
      kind: 'succeeded',
    })
    expect(gopay_.calls().map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /payments/payment/3123456789/refunds',
      'POST /payments/payment/3123456789/refund',
    ])
  })

  it('reads a history of one refund written as a bare object, as the doc’s example shows it', async () => {
    const gopay_ = fakeGoPay([
      (r) =>
        isHistory(r)
          ? json(200, { id: 3123456789, state: 'SUCCESS', amount: '10000', currency: 'CZK' })
          : finished,
    ])
    expect(
      await gopay.refund(gopay_.ctx, paid, { refundId: 'rf', amountMinor: 10000, retry: true })
    ).toEqual({ kind: 'succeeded' })
    expect(gopay_.calls()).toHaveLength(1)
  })

  it('leaves a retry open when the history cannot be read', async () => {
    const gopay_ = fakeGoPay([() => 'network_error'])
    expect(
      await gopay.refund(gopay_.ctx, paid, { refundId: 'rf', amountMinor: 1, retry: true })
    ).toMatchObject({
      kind: 'unknown',
    })
  })

  it('settles a retry by what GoPay lists and the gateway has not booked', () => {
    const at = (moving: [amount: number, done: boolean][], failedAmounts: number[] = []) => ({
      moving: moving.map(([amount, done]) => ({ amount, done })),
      failedAmounts,
    })
    expect(settledByHistory(at([[5000, true]]), 0, 5000)).toEqual({ kind: 'succeeded' })
    expect(settledByHistory(at([[5000, false]]), 0, 5000)).toEqual({ kind: 'accepted' })
    expect(settledByHistory(at([[5000, true]]), 5000, 5000)).toBeUndefined()
    expect(settledByHistory(at([[2000, true]]), 0, 5000)).toBeUndefined()
    expect(settledByHistory(at([], [5000]), 0, 5000)).toMatchObject({ kind: 'rejected' })
  })

  it('sends a lost refund that a larger unbooked one would have covered, and never that one twice', async () => {
    // 300 never reached GoPay, 500 did; both answers were lost. Totals alone book the 300 unmade
    // and then send the 500 again.
    let made = [500]
    const gopay_ = fakeGoPay([
      (r) => {
        if (isHistory(r)) return history(...made.map((a) => ['SUCCESS', a] as [string, number]))
        made = [...made, Number(new URLSearchParams(r.body).get('amount'))]
        return finished
      },
    ])
    const retry = (amountMinor: number, refundedMinor: number) =>
      gopay.refund(
        gopay_.ctx,
        { ...paid, refundedMinor },
        { refundId: `rf_${amountMinor}`, amountMinor, retry: true }
      )
    expect(await retry(300, 0)).toEqual({ kind: 'succeeded' })
    expect(await retry(500, 300)).toEqual({ kind: 'succeeded' })
    expect(made).toEqual([500, 300])
    expect(gopay_.calls().filter((r) => r.method === 'POST')).toHaveLength(1)
  })
})
