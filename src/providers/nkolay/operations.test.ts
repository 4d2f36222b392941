import { describe, expect, it } from 'vitest'
import { nkolayProvider } from './adapter'
import { hashDataV2 } from './signing'
import {
  CONFIG,
  fakeNkolay,
  formOf,
  json,
  listAnswer,
  on,
  REFERENCE,
  reference,
  row,
} from './test-context'

const ok = json(200, {
  id: '',
  result: { RESPONSE_CODE: '2', REFERENCE_CODE: 'IKSIRPF9' },
  error: null,
})
/** A payment made on the previous day (its id carries its creation time). */
const YESTERDAY_ID = 'pay_01MC9KBX00ABCDEFGHJKMNPQRS'

const signedWith = async (form: Record<string, string>, names: string[]) =>
  hashDataV2([...names.map((n) => form[n] ?? ''), CONFIG.secretKey])

describe('refund', () => {
  it('voids a whole sale on its own day (type=cancel, trxDate YYYY.MM.DD, sx-cancel)', async () => {
    const { ctx, sent } = fakeNkolay([on('/Vpos/v1/CancelRefundPayment', ok)])
    const outcome = await nkolayProvider.refund(ctx, reference(), {
      refundId: 're_1',
      amountMinor: 1000,
      retry: false,
    })
    expect(outcome).toEqual({ kind: 'succeeded', providerReference: 'IKSIRPF9' })
    const form = formOf(sent[0]!.body)
    expect(form).toMatchObject({
      sx: CONFIG.sxCancel,
      referenceCode: REFERENCE,
      type: 'cancel',
      amount: '10.00',
      trxDate: '2027.01.15',
    })
    expect(form.hashDatav2).toBe(
      await signedWith(form, ['sx', 'referenceCode', 'type', 'amount', 'trxDate'])
    )
  })

  it('refunds part of a sale on its own day through PartialRefundPayment', async () => {
    const { ctx, sent } = fakeNkolay([on('/Vpos/Payment/PartialRefundPayment', ok)])
    await nkolayProvider.refund(ctx, reference(), {
      refundId: 're_1',
      amountMinor: 250,
      retry: false,
    })
    const form = formOf(sent[0]!.body)
    expect(form).toMatchObject({
      sx: CONFIG.sxCancel,
      referenceCode: REFERENCE,
      refundAmount: '2.50',
    })
    expect(form.hashDatav2).toBe(await signedWith(form, ['sx', 'referenceCode', 'refundAmount']))
  })

  it('refunds a sale of an earlier day with type=refund and its date', async () => {
    const { ctx, sent } = fakeNkolay([on('/Vpos/v1/CancelRefundPayment', ok)])
    const earlier = reference({ paymentId: YESTERDAY_ID })
    await nkolayProvider.refund(ctx, earlier, { refundId: 're_1', amountMinor: 1000, retry: false })
    expect(formOf(sent[0]!.body)).toMatchObject({
      type: 'refund',
      amount: '10.00',
      trxDate: '2027.01.14',
    })
  })

  it('refunds part of a sale of an earlier day with type=refundp, signed as sent', async () => {
    const { ctx, sent } = fakeNkolay([on('/Vpos/v1/CancelRefundPayment', ok)])
    const earlier = reference({ paymentId: YESTERDAY_ID })
    await nkolayProvider.refund(ctx, earlier, { refundId: 're_1', amountMinor: 400, retry: false })
    const form = formOf(sent[0]!.body)
    expect(form).toMatchObject({ type: 'refundp', amount: '4.00', trxDate: '2027.01.14' })
    expect(form.hashDatav2).toBe(
      await signedWith(form, ['sx', 'referenceCode', 'type', 'amount', 'trxDate'])
    )
  })

  it('refunds all of a captured part of a pre-authorization later with type=refund', async () => {
    const { ctx, sent } = fakeNkolay([on('/Vpos/v1/CancelRefundPayment', ok)])
    const captured = reference({ paymentId: YESTERDAY_ID, authorizeOnly: true, capturedMinor: 600 })
    await nkolayProvider.refund(ctx, captured, { refundId: 're_1', amountMinor: 600, retry: false })
    await nkolayProvider.refund(ctx, captured, { refundId: 're_2', amountMinor: 100, retry: false })
    expect(sent.map((r) => formOf(r.body).type)).toEqual(['refund', 'refundp'])
  })

  it('books a retried refund that PaymentList already shows, without refunding again', async () => {
    const { ctx, sent } = fakeNkolay([
      on(
        '/Vpos/Payment/PaymentList',
        listAnswer([row('SALES', 'SUCCESS'), row('CANCEL', 'SUCCESS', '10.00', 'IKSIRPF9')])
      ),
    ])
    const outcome = await nkolayProvider.refund(ctx, reference(), {
      refundId: 're_1',
      amountMinor: 1000,
      retry: true,
    })
    expect(outcome).toEqual({ kind: 'succeeded' })
    expect(sent.map((r) => r.path)).toEqual(['/Vpos/Payment/PaymentList'])
  })

  it('passes on a refusal with its code', async () => {
    const refused = json(200, {
      RESPONSE_CODE: '0',
      ERROR_CODE: 'CORE0200',
      RESPONSE_DATA: 'İade tutarı kalan tutarı aşıyor',
    })
    const { ctx } = fakeNkolay([on('/Vpos/Payment/PartialRefundPayment', refused)])
    const outcome = await nkolayProvider.refund(ctx, reference(), {
      refundId: 're_1',
      amountMinor: 100,
      retry: false,
    })
    expect(outcome).toEqual({
      kind: 'rejected',
      reason: 'İade tutarı kalan tutarı aşıyor',
      providerCode: 'CORE0200',
    })
  })
})

describe('pre-authorizations and cancel', () => {
  const held = reference({ authorizeOnly: true, capturedMinor: 0 })

  it('captures with PreAuthorizationAprove (trxDate YYYY-MM-DD, transactionType SALE)', async () => {
    const { ctx, sent } = fakeNkolay([on('/Vpos/Payment/PreAuthorizationAprove', ok)])
    expect(await nkolayProvider.capture(ctx, held, 500)).toMatchObject({ kind: 'succeeded' })
    const form = formOf(sent[0]!.body)
    expect(form).toMatchObject({
      sx: CONFIG.sx,
      amount: '5.00',
      referenceCode: REFERENCE,
      trxDate: '2027-01-15',
      transactionType: 'SALE',
    })
    expect(form.hashDatav2).toBe(
      await signedWith(form, ['sx', 'trxDate', 'amount', 'referenceCode'])
    )
  })

  it('releases a hold with PreAuthorizationCancel', async () => {
    const { ctx, sent } = fakeNkolay([on('/Vpos/Payment/PreAuthorizationCancel', ok)])
    expect(await nkolayProvider.cancel(ctx, held)).toMatchObject({ kind: 'succeeded' })
    const form = formOf(sent[0]!.body)
    expect(form).toMatchObject({
      amount: '10.00',
      transactionType: 'cancel',
      trxDate: '2027-01-15',
    })
    expect(form.hashDatav2).toBe(
      await signedWith(form, ['sx', 'trxDate', 'amount', 'referenceCode', 'transactionType'])
    )
  })

  it('voids a sale only on its own day', async () => {
    const { ctx, sent } = fakeNkolay([on('/Vpos/v1/CancelRefundPayment', ok)])
    expect(await nkolayProvider.cancel(ctx, reference())).toMatchObject({ kind: 'succeeded' })
    expect(formOf(sent[0]!.body).type).toBe('cancel')
    const old = await nkolayProvider.cancel(ctx, reference({ paymentId: YESTERDAY_ID }))
    expect(old.kind).toBe('rejected')
    expect(sent).toHaveLength(1)
  })
})
