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
  PAYMENT_ID,
  REFERENCE,
  reference,
  row,
} from './test-context'

const signedWith = async (form: Record<string, string>, names: string[]) =>
  hashDataV2([...names.map((n) => form[n] ?? ''), CONFIG.secretKey])

describe('getStatus', () => {
  it('asks PaymentList with sx-list for our clientRefCode from the day before the sale', async () => {
    const { ctx, sent } = fakeNkolay([
      on('/Vpos/Payment/PaymentList', listAnswer([row('sales', 'SUCCESS')])),
    ])
    const outcome = await nkolayProvider.getStatus(ctx, reference())
    expect(outcome).toMatchObject({
      kind: 'succeeded',
      status: 'successful',
      providerPaymentId: REFERENCE,
    })
    const form = formOf(sent[0]!.body)
    expect(form).toMatchObject({
      sx: CONFIG.sxList,
      startDate: '14.01.2027',
      endDate: '15.01.2027',
      clientRefCode: PAYMENT_ID,
    })
    expect(form.hashDatav2).toBe(
      await signedWith(form, ['sx', 'startDate', 'endDate', 'clientRefCode'])
    )
  })

  it('reads the answer sent as a JSON string, and maps NEW, ERROR and a cancel', async () => {
    const stringBody = (rows: Record<string, string>[]) =>
      json(200, JSON.stringify({ id: '', result: { RESPONSE_CODE: 2, LIST: rows }, error: null }))
    for (const [rows, kind] of [
      [[row('SALES', 'ERROR')], 'declined'],
      [[row('SALES', 'SUCCESS'), row('CANCEL', 'SUCCESS', '10.00', 'IKSIRPF9')], 'cancelled'],
      [[row('SALES', 'SUCCESS'), row('REFUNDP', 'SUCCESS', '1.00', 'IKSIRPF9')], 'succeeded'],
    ] as const) {
      const { ctx } = fakeNkolay([on('/Vpos/Payment/PaymentList', stringBody([...rows]))])
      expect((await nkolayProvider.getStatus(ctx, reference())).kind).toBe(kind)
    }
  })

  it('completes a sale PaymentList shows as NEW (pre-approved, never completed) with its reference', async () => {
    const completed = json(200, {
      RESPONSE_CODE: '2',
      AUTH_CODE: 'S62888',
      REFERENCE_CODE: REFERENCE,
      AUTHORIZATION_AMOUNT: '10.00',
    })
    const { ctx, sent } = fakeNkolay([
      on('/Vpos/Payment/PaymentList', listAnswer([row('SALES', 'NEW')])),
      on('/Vpos/v1/CompletePayment', completed),
    ])
    const outcome = await nkolayProvider.getStatus(ctx, reference({ providerPaymentId: null }))
    expect(outcome).toMatchObject({ kind: 'succeeded', status: 'successful', amountMinor: 1000 })
    expect(formOf(sent[1]!.body)).toEqual({ sx: CONFIG.sx, referenceCode: REFERENCE })
  })

  it('keeps a NEW sale pending when Paynkolay will not complete it (3-D Secure not done)', async () => {
    for (const answer of [
      json(200, { RESPONSE_CODE: '0', ERROR_CODE: 'MD0' }),
      json(200, { RESPONSE_CODE: '2', AUTH_CODE: '' }),
      { status: 502, body: 'bad gateway' },
    ]) {
      const { ctx, sent } = fakeNkolay([
        on('/Vpos/Payment/PaymentList', listAnswer([row('SALES', 'NEW')])),
        on('/Vpos/v1/CompletePayment', answer),
      ])
      expect(await nkolayProvider.getStatus(ctx, reference())).toEqual({
        kind: 'pending',
        redirectUrl: '',
        providerPaymentId: REFERENCE,
      })
      expect(sent).toHaveLength(2)
    }
  })

  it('keeps a payment without records pending and a refused list unknown', async () => {
    const none = json(200, {
      id: '',
      result: { RESPONSE_CODE: '0', ERROR_CODE: 'CORE0305', LIST: null },
      error: null,
    })
    const hashError = json(200, {
      result: JSON.stringify({ RESPONSE_CODE: 9, RESPONSE_DATA: 'API : hashData error :: ' }),
    })
    expect(
      (
        await nkolayProvider.getStatus(
          fakeNkolay([on('/Vpos/Payment/PaymentList', none)]).ctx,
          reference()
        )
      ).kind
    ).toBe('pending')
    expect(
      (
        await nkolayProvider.getStatus(
          fakeNkolay([on('/Vpos/Payment/PaymentList', hashError)]).ctx,
          reference()
        )
      ).kind
    ).toBe('unknown')
  })

  it('caps the window at one month for an old payment', async () => {
    const { ctx, sent } = fakeNkolay([on('/Vpos/Payment/PaymentList', listAnswer([]))])
    await nkolayProvider.getStatus(ctx, reference({ paymentId: 'pay_01H0000000ABCDEFGHJKMNPQRS' }))
    expect(formOf(sent[0]!.body)).toMatchObject({ startDate: '16.12.2026', endDate: '15.01.2027' })
  })
})
