import { describe, expect, it } from 'vitest'
import type { PaymentReference } from '../types'
import { paytrProvider as paytr } from './adapter'
import { paytrToken } from './signing'
import { CONFIG, fakePaytr, json, notPaid, OID, PAYMENT_ID, paidStatus } from './test-context'

const reference: PaymentReference = {
  paymentId: PAYMENT_ID,
  providerPaymentId: OID,
  amountMinor: 10000,
  currency: 'TRY',
  capturedMinor: 10000,
  refundedMinor: 0,
  authorizeOnly: false,
}
const REFUND_ID = 're_01JF4M0000000000000000000B'
const REFERENCE = 're01JF4M0000000000000000000B'
const SECRETS = { merchantKey: CONFIG.merchantKey, merchantSalt: CONFIG.merchantSalt }
const refunded = (amount: string, referenceNo = REFERENCE) =>
  json({
    status: 'success',
    is_test: '1',
    merchant_oid: OID,
    return_amount: amount,
    reference_no: referenceNo,
  })

describe('PayTR refund', () => {
  it('sends a decimal return_amount with our reference and signs it', async () => {
    const fake = fakePaytr({ '/odeme/iade': [refunded('25.00')] })
    const outcome = await paytr.refund(fake.ctx, reference, {
      refundId: REFUND_ID,
      amountMinor: 2500,
      retry: false,
    })
    expect(outcome).toEqual({ kind: 'succeeded', providerReference: REFERENCE })
    const form = fake.sent[0]!.form
    expect(form.get('return_amount')).toBe('25.00')
    expect(form.get('reference_no')).toBe(REFERENCE)
    expect(form.get('paytr_token')).toBe(await paytrToken(SECRETS, `123456${OID}25.00`))
  })

  it("rejects with PayTR's documented errors and leaves an undocumented one unknown", async () => {
    const refuse = async (errNo: string) =>
      paytr.refund(
        fakePaytr({ '/odeme/iade': [json({ status: 'error', err_no: errNo, err_msg: 'x' })] }).ctx,
        reference,
        { refundId: REFUND_ID, amountMinor: 2500, retry: false }
      )
    expect(await refuse('009')).toEqual({
      kind: 'rejected',
      reason: 'The refunds would exceed the payment amount.',
      providerCode: '009',
    })
    expect(await refuse('010')).toMatchObject({ kind: 'rejected', providerCode: '010' })
    // The İade API's PHP sample answers a refund over the payment with 006.
    expect(await refuse('006')).toMatchObject({ kind: 'rejected', providerCode: '006' })
    expect(await refuse('777')).toMatchObject({ kind: 'unknown' })
  })

  it('rejects a failed answer without err_no (no such order); an error without one is unknown', async () => {
    const fake = fakePaytr({ '/odeme/iade': [json({ status: 'failed', err_msg: 'yok' })] })
    expect(
      await paytr.refund(fake.ctx, reference, {
        refundId: REFUND_ID,
        amountMinor: 2500,
        retry: false,
      })
    ).toEqual({ kind: 'rejected', reason: 'yok', providerCode: 'failed' })
    const odd = fakePaytr({ '/odeme/iade': [json({ status: 'error', err_msg: '?' })] })
    expect(
      await paytr.refund(odd.ctx, reference, {
        refundId: REFUND_ID,
        amountMinor: 2500,
        retry: false,
      })
    ).toMatchObject({ kind: 'unknown' })
  })

  it('on a retry, finds the refund by reference_no in the status query and does not refund again', async () => {
    const fake = fakePaytr({
      '/odeme/durum-sorgu': [paidStatus([{ return_amount: '25.00', reference_no: REFERENCE }])],
    })
    expect(
      await paytr.refund(fake.ctx, reference, {
        refundId: REFUND_ID,
        amountMinor: 2500,
        retry: true,
      })
    ).toEqual({ kind: 'succeeded', providerReference: REFERENCE })
    expect(fake.sent.map((s) => s.path)).toEqual(['/odeme/durum-sorgu'])
  })

  it('on a retry the status query does not list, refunds now', async () => {
    const fake = fakePaytr({
      '/odeme/durum-sorgu': [paidStatus([{ return_amount: '10.00', reference_no: 'other' }])],
      '/odeme/iade': [refunded('25.00')],
    })
    expect(
      await paytr.refund(fake.ctx, reference, {
        refundId: REFUND_ID,
        amountMinor: 2500,
        retry: true,
      })
    ).toMatchObject({ kind: 'succeeded' })
    expect(fake.sent.map((s) => s.path)).toEqual(['/odeme/durum-sorgu', '/odeme/iade'])
  })

  it('leaves a lost answer unknown', async () => {
    const fake = fakePaytr({ '/odeme/iade': ['network_error'] })
    expect(
      await paytr.refund(fake.ctx, reference, {
        refundId: REFUND_ID,
        amountMinor: 2500,
        retry: false,
      })
    ).toMatchObject({ kind: 'unknown' })
  })
})

describe('PayTR cancel', () => {
  it('refunds everything, under one reference per payment', async () => {
    const fake = fakePaytr({
      '/odeme/durum-sorgu': [paidStatus()],
      '/odeme/iade': [refunded('100.00', `CANCEL${OID}`)],
    })
    expect(await paytr.cancel(fake.ctx, reference)).toEqual({
      kind: 'succeeded',
      providerReference: `CANCEL${OID}`,
    })
    const form = fake.sent[1]!.form
    expect([form.get('return_amount'), form.get('reference_no')]).toEqual([
      '100.00',
      `CANCEL${OID}`,
    ])
  })

  it('is done already when the status query lists its refund', async () => {
    const fake = fakePaytr({
      '/odeme/durum-sorgu': [
        paidStatus([{ return_amount: '100.00', reference_no: `CANCEL${OID}` }]),
      ],
    })
    expect(await paytr.cancel(fake.ctx, reference)).toMatchObject({ kind: 'succeeded' })
    expect(fake.sent).toHaveLength(1)
  })

  it('refunds only what PayTR has not returned yet, a refund whose answer was lost included', async () => {
    const fake = fakePaytr({
      '/odeme/durum-sorgu': [paidStatus([{ return_amount: '30.00', reference_no: REFERENCE }])],
      '/odeme/iade': [refunded('70.00', `CANCEL${OID}`)],
    })
    expect(await paytr.cancel(fake.ctx, reference)).toMatchObject({ kind: 'succeeded' })
    expect(fake.sent[1]!.form.get('return_amount')).toBe('70.00')
  })

  it('is refused for an order PayTR has no successful payment for', async () => {
    const fake = fakePaytr({ '/odeme/durum-sorgu': [notPaid()] })
    expect(await paytr.cancel(fake.ctx, reference)).toMatchObject({ kind: 'rejected' })
  })
})

describe('PayTR capture', () => {
  it('does not exist: payments are captured when made', async () => {
    const { ctx } = fakePaytr({})
    expect(await paytr.capture(ctx, reference, 100)).toEqual({ kind: 'not_supported' })
  })
})
