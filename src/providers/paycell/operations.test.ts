import { describe, expect, it } from 'vitest'
import { referenceNumberOf } from './mapping'
import { cancel, capture, refund, SAME_DAY_PARTIAL } from './operations'
import {
  fakePaycell,
  inquired,
  on,
  paycellAnswer,
  paymentReferenceNumber,
  reference,
  remembered,
  TODAY,
} from './test-context'

const YESTERDAY = '20270114'
const sale = (reconciliationDate = TODAY) =>
  inquired('SALE', [{ provisionType: 'SALE', amount: '10000', reconciliationDate }])

describe('Paycell capture', () => {
  it('captures in part with a POSTAUTH on the original reference', async () => {
    const paycell = fakePaycell([on('provision', paycellAnswer())], remembered())
    const outcome = await capture(
      paycell.ctx,
      reference({ authorizeOnly: true, capturedMinor: 0 }),
      5000
    )
    const captureReference = await referenceNumberOf('001', 'capture', 'pay_1')
    expect(outcome).toEqual({ kind: 'succeeded', providerReference: captureReference })
    expect(paycell.bodies('provision')[0]).toMatchObject({
      merchantCode: '9998',
      msisdn: '5321234567',
      referenceNumber: captureReference,
      originalReferenceNumber: await paymentReferenceNumber(),
      amount: '5000',
      currency: 'TRY',
      paymentType: 'POSTAUTH',
    })
  })

  it('refuses a capture above the authorization (2045)', async () => {
    const paycell = fakePaycell([on('provision', paycellAnswer('2045'))], remembered())
    expect(await capture(paycell.ctx, reference({ authorizeOnly: true }), 20000)).toMatchObject({
      kind: 'rejected',
      providerCode: '2045',
    })
  })
})

describe('Paycell cancel', () => {
  it('reverses the payment under its own reference number', async () => {
    const paycell = fakePaycell([on('reverse', paycellAnswer())], remembered())
    const cancelReference = await referenceNumberOf('001', 'cancel', 'pay_1')
    expect(await cancel(paycell.ctx, reference())).toEqual({
      kind: 'succeeded',
      providerReference: cancelReference,
    })
    const [body] = paycell.bodies('reverse')
    expect(body).toMatchObject({
      originalReferenceNumber: await paymentReferenceNumber(),
      referenceNumber: cancelReference,
      msisdn: '5321234567',
    })
    expect((body!.requestHeader as Record<string, string>).transactionId).toBe(cancelReference)
  })

  it('takes an already reversed payment (2014) as cancelled', async () => {
    const paycell = fakePaycell([on('reverse', paycellAnswer('2014'))], remembered())
    expect(await cancel(paycell.ctx, reference())).toMatchObject({ kind: 'succeeded' })
  })

  it('refuses after the day-end reconciliation (2029)', async () => {
    const paycell = fakePaycell([on('reverse', paycellAnswer('2029'))], remembered())
    expect(await cancel(paycell.ctx, reference())).toMatchObject({
      kind: 'rejected',
      providerCode: '2029',
    })
  })
})

describe('Paycell refunds', () => {
  const full = { refundId: 'ref_1', amountMinor: 10000, retry: false }
  const part = { refundId: 'ref_2', amountMinor: 2500, retry: false }

  it('reverses a whole refund on the day of the sale', async () => {
    const paycell = fakePaycell(
      [on('inquire', sale()), on('reverse', paycellAnswer())],
      remembered()
    )
    const refundReference = await referenceNumberOf('001', 'refund', 'ref_1')
    expect(await refund(paycell.ctx, reference(), full)).toEqual({
      kind: 'succeeded',
      providerReference: refundReference,
    })
    expect(paycell.bodies('reverse')[0]).toMatchObject({ referenceNumber: refundReference })
    expect(paycell.bodies('refund')).toHaveLength(0)
  })

  it('cannot refund in part on the day of the sale', async () => {
    const paycell = fakePaycell([on('inquire', sale())], remembered())
    expect(await refund(paycell.ctx, reference(), part)).toEqual({
      kind: 'not_supported',
      reason: SAME_DAY_PARTIAL,
    })
    expect(paycell.bodies('reverse')).toHaveLength(0)
  })

  it('refunds in part from the next day, in kuruş, with its own reference', async () => {
    const paycell = fakePaycell(
      [on('inquire', sale(YESTERDAY)), on('refund', paycellAnswer())],
      remembered()
    )
    const refundReference = await referenceNumberOf('001', 'refund', 'ref_2')
    expect(await refund(paycell.ctx, reference(), part)).toEqual({
      kind: 'succeeded',
      providerReference: refundReference,
    })
    expect(paycell.bodies('refund')[0]).toMatchObject({
      merchantCode: '9998',
      msisdn: '5321234567',
      originalReferenceNumber: await paymentReferenceNumber(),
      referenceNumber: refundReference,
      amount: '2500',
      requestHeader: { transactionId: refundReference },
    })
  })

  it('finds a retried refund that reached Paycell instead of refunding twice', async () => {
    const refundReference = await referenceNumberOf('001', 'refund', 'ref_2')
    const history = inquired('REFUND', [
      {
        provisionType: 'REFUND',
        amount: '2500',
        transactionId: refundReference,
        reconciliationDate: YESTERDAY,
      },
      { provisionType: 'SALE', amount: '10000', reconciliationDate: YESTERDAY },
    ])
    const paycell = fakePaycell([on('inquire', history)], remembered())
    expect(await refund(paycell.ctx, reference(), { ...part, retry: true })).toEqual({
      kind: 'succeeded',
      providerReference: refundReference,
    })
    expect(paycell.bodies('refund')).toHaveLength(0)
  })

  it('finds a retried same-day refund by the reverse it made', async () => {
    const history = inquired('REVERSE', [
      { provisionType: 'REVERSE', amount: '10000' },
      { provisionType: 'SALE', amount: '10000' },
    ])
    const paycell = fakePaycell([on('inquire', history)], remembered())
    expect(await refund(paycell.ctx, reference(), { ...full, retry: true })).toMatchObject({
      kind: 'succeeded',
    })
    expect(paycell.bodies('reverse')).toHaveLength(0)
  })

  it('refuses refunds above the sale (2015)', async () => {
    const paycell = fakePaycell(
      [on('inquire', sale(YESTERDAY)), on('refund', paycellAnswer('2015'))],
      remembered()
    )
    expect(await refund(paycell.ctx, reference(), part)).toMatchObject({
      kind: 'rejected',
      reason: 'The refunds would exceed the payment amount.',
      providerCode: '2015',
    })
  })

  it('leaves a refund whose answer was lost unknown', async () => {
    const paycell = fakePaycell(
      [on('inquire', sale(YESTERDAY)), on('refund', 'network_error')],
      remembered()
    )
    expect(await refund(paycell.ctx, reference(), part)).toEqual({
      kind: 'unknown',
      reason: 'network_error',
    })
  })
})
