import { describe, expect, it } from 'vitest'
import type { CreatePaymentInput } from '../types'
import { nkolayProvider } from './adapter'
import { hashDataV2 } from './signing'
import {
  CONFIG,
  fakeNkolay,
  formOf,
  json,
  listAnswer,
  NOTIFY,
  on,
  PAYMENT_ID,
  REFERENCE,
  reference,
  row,
  signedResult,
} from './test-context'

const RETURN = 'https://gateway.test/v1/callback/nkolay?state=abc'
const input = (overrides: Partial<CreatePaymentInput> = {}): CreatePaymentInput => ({
  paymentId: PAYMENT_ID,
  amountMinor: 1000,
  currency: 'TRY',
  card: {
    holderName: 'Jan Novak',
    number: '4546711234567894',
    expiryMonth: 3,
    expiryYear: 2030,
    cvv: '000',
  },
  threeDS: false,
  capture: true,
  recurring: false,
  customer: { name: 'Jan', surname: 'Novak', email: 'jan@example.com' },
  ...overrides,
})
const paid = json(200, {
  RESPONSE_CODE: '2',
  AUTH_CODE: 'S00586',
  REFERENCE_CODE: REFERENCE,
  AUTHORIZATION_AMOUNT: '10.00',
})

describe('createPayment', () => {
  it('sends the documented form, signed over the values sent', async () => {
    const { ctx, sent } = fakeNkolay([on('/Vpos/v1/Payment', paid)])
    await nkolayProvider.createPayment(ctx, input())
    const form = formOf(sent[0]!.body)
    expect(sent[0]!.headers['content-type']).toBe('application/x-www-form-urlencoded')
    expect(form).toMatchObject({
      sx: CONFIG.sx,
      clientRefCode: PAYMENT_ID,
      amount: '10.00',
      currencyNumber: '949',
      month: '03',
      year: '2030',
      use3D: 'false',
      transactionType: 'SALES',
      environment: 'API',
      rnd: '15-01-2027 11:00:00',
      successUrl: NOTIFY,
      failUrl: NOTIFY,
    })
    const fields = ['sx', 'clientRefCode', 'amount', 'successUrl', 'failUrl', 'rnd'].map(
      (k) => form[k]!
    )
    expect(form.hashDatav2).toBe(await hashDataV2([...fields, '', CONFIG.secretKey]))
  })

  it('answers a non-3-D sale with success, and a pre-authorization as authorized', async () => {
    const { ctx, sent } = fakeNkolay([on('/Vpos/v1/Payment', paid)])
    expect(await nkolayProvider.createPayment(ctx, input())).toMatchObject({
      kind: 'succeeded',
      status: 'successful',
      providerPaymentId: REFERENCE,
      amountMinor: 1000,
    })
    const held = await nkolayProvider.createPayment(ctx, input({ capture: false }))
    expect(held).toMatchObject({ kind: 'succeeded', status: 'authorized' })
    expect(formOf(sent[1]!.body).transactionType).toBe('PRESALES')
  })

  it("shows the bank's 3-D Secure page from BANK_REQUEST_MESSAGE", async () => {
    const html =
      '<form action="https://acs.bank/3d" method="post"><input name="PaReq" value="x"></form>'
    const { ctx, sent } = fakeNkolay([
      on(
        '/Vpos/v1/Payment',
        json(200, { RESPONSE_CODE: 2, REFERENCE_CODE: REFERENCE, BANK_REQUEST_MESSAGE: html })
      ),
    ])
    const outcome = await nkolayProvider.createPayment(
      ctx,
      input({ threeDS: true, returnUrl: RETURN })
    )
    expect(outcome).toEqual({
      kind: 'pending',
      redirectUrl: '',
      page: { kind: 'html', html },
      providerPaymentId: REFERENCE,
    })
    expect(formOf(sent[0]!.body)).toMatchObject({
      use3D: 'true',
      successUrl: RETURN,
      failUrl: RETURN,
    })
  })

  it('maps declines, a refused hash and a server error', async () => {
    const declined = json(200, {
      RESPONSE_CODE: '0',
      ERROR_CODE: '51',
      RESPONSE_DATA: 'Yetersiz bakiye',
    })
    const hashError = json(200, {
      result: JSON.stringify({ RESPONSE_CODE: 9, RESPONSE_DATA: 'API : hashData error :: ' }),
    })
    for (const [answer, expected] of [
      [declined, { kind: 'declined', declineCode: 'insufficient_funds', providerCode: '51' }],
      [hashError, { kind: 'declined', declineCode: 'processing_error' }],
      [
        { status: 502, body: 'bad gateway' },
        { kind: 'unknown', reason: 'http_502' },
      ],
      ['network_error', { kind: 'unknown', reason: 'network_error' }],
    ] as const) {
      const { ctx } = fakeNkolay([on('/Vpos/v1/Payment', answer)])
      expect(await nkolayProvider.createPayment(ctx, input())).toMatchObject(expected)
    }
  })

  it('sends a Turkish mobile as its 10-digit national number, and no other phone', async () => {
    const { ctx, sent } = fakeNkolay([on('/Vpos/v1/Payment', paid)])
    const customer = (phoneNumber: string) => ({ ...input().customer, phoneNumber })
    for (const phone of ['+90 555 390 00 00', '00905553900000', '905553900000', '0555 390-00-00']) {
      await nkolayProvider.createPayment(ctx, input({ customer: customer(phone) }))
    }
    for (const phone of ['+44 7700 900123', '0212 555 00 00', '555390000']) {
      await nkolayProvider.createPayment(ctx, input({ customer: customer(phone) }))
    }
    expect(sent.map((r) => formOf(r.body).phone)).toEqual([
      ...Array(4).fill('5553900000'),
      ...Array(3).fill(undefined),
    ])
  })

  it('does not take payments without a card, in other currencies or recurring', async () => {
    const { ctx, sent } = fakeNkolay([])
    for (const other of [
      input({ card: undefined }),
      input({ currency: 'PLN' }),
      input({ recurring: true }),
    ]) {
      expect(await nkolayProvider.createPayment(ctx, other)).toEqual({ kind: 'not_supported' })
    }
    expect(sent).toHaveLength(0)
  })
})

describe('completeReturn', () => {
  const complete = json(200, {
    RESPONSE_CODE: '2',
    AUTH_CODE: 'S62888',
    REFERENCE_CODE: REFERENCE,
    AUTHORIZATION_AMOUNT: '10.00',
  })

  it('completes a signed result with CompletePayment (sx, referenceCode)', async () => {
    const { ctx, sent } = fakeNkolay([on('/Vpos/v1/CompletePayment', complete)])
    const outcome = await nkolayProvider.completeReturn(ctx, reference(), await signedResult())
    expect(outcome).toMatchObject({
      kind: 'succeeded',
      status: 'successful',
      providerPaymentId: REFERENCE,
    })
    expect(formOf(sent[0]!.body)).toEqual({ sx: CONFIG.sx, referenceCode: REFERENCE })
  })

  it('declines a signed failure without completing it', async () => {
    const { ctx, sent } = fakeNkolay([])
    const result = await signedResult({
      RESPONSE_CODE: '0',
      AUTH_CODE: '',
      RESPONSE_DATA: '3D doğrulama başarısız',
    })
    expect(await nkolayProvider.completeReturn(ctx, reference(), result)).toMatchObject({
      kind: 'declined',
      declineCode: 'authentication_failed',
    })
    expect(sent).toHaveLength(0)
  })

  it('asks PaymentList instead of believing a forged or foreign result', async () => {
    const { ctx, sent } = fakeNkolay([
      on('/Vpos/Payment/PaymentList', listAnswer([row('SALES', 'ERROR')])),
    ])
    const forged = { ...(await signedResult({ RESPONSE_CODE: '0' })), RESPONSE_CODE: '2' }
    const foreign = await signedResult({ CLIENT_REFERENCE_CODE: 'pay_other' })
    for (const params of [forged, foreign, { RESPONSE_CODE: '2' }]) {
      expect(await nkolayProvider.completeReturn(ctx, reference(), params)).toMatchObject({
        kind: 'declined',
        providerCode: 'ERROR',
      })
    }
    expect(sent.map((r) => r.path)).toEqual(Array(3).fill('/Vpos/Payment/PaymentList'))
  })

  it('does not believe a replayed success post of another payment, its client reference stripped', async () => {
    const { ctx, sent } = fakeNkolay([
      on('/Vpos/v1/CompletePayment', complete),
      on('/Vpos/Payment/PaymentList', listAnswer([row('SALES', 'ERROR')])),
    ])
    // Genuinely signed by Paynkolay for the merchant's other payment IKSIRPF999.
    const other = await signedResult({ REFERENCE_CODE: 'IKSIRPF999' })
    const { CLIENT_REFERENCE_CODE: _, ...replayed } = other
    for (const params of [replayed, other]) {
      expect(await nkolayProvider.completeReturn(ctx, reference(), params)).toMatchObject({
        kind: 'declined',
      })
    }
    expect(sent.map((r) => r.path)).toEqual(Array(2).fill('/Vpos/Payment/PaymentList'))
  })

  it('ties a post to the payment by CLIENT_REFERENCE_CODE only when the gateway holds no reference', async () => {
    const { ctx, sent } = fakeNkolay([
      on('/Vpos/v1/CompletePayment', complete),
      on('/Vpos/Payment/PaymentList', listAnswer([row('SALES', 'ERROR')])),
    ])
    const lost = reference({ providerPaymentId: null })
    const outcome = await nkolayProvider.completeReturn(ctx, lost, await signedResult())
    expect(outcome).toMatchObject({ kind: 'succeeded', providerPaymentId: REFERENCE })
    const { CLIENT_REFERENCE_CODE: _, ...stripped } = await signedResult()
    expect(await nkolayProvider.completeReturn(ctx, lost, stripped)).toMatchObject({
      kind: 'declined',
    })
    expect(sent.map((r) => r.path)).toEqual([
      '/Vpos/v1/CompletePayment',
      '/Vpos/Payment/PaymentList',
    ])
  })

  it('settles a post signed only with the legacy hashData through PaymentList and CompletePayment', async () => {
    const { ctx, sent } = fakeNkolay([
      on('/Vpos/v1/CompletePayment', complete),
      on('/Vpos/Payment/PaymentList', listAnswer([row('SALES', 'NEW')])),
    ])
    // The donus-parametreleri example: a 3-D pre-approval with hashData (SHA-1) and no hashDataV2.
    const { hashDataV2: _, ...legacy } = await signedResult({ AUTH_CODE: '' })
    const outcome = await nkolayProvider.completeReturn(ctx, reference(), {
      ...legacy,
      hashData: '+wDy2xeI1hOCnwaatSqylWhtj9E=',
    })
    expect(outcome).toMatchObject({ kind: 'succeeded', status: 'successful', amountMinor: 1000 })
    expect(sent.map((r) => r.path)).toEqual([
      '/Vpos/Payment/PaymentList',
      '/Vpos/v1/CompletePayment',
    ])
    expect(formOf(sent[1]!.body)).toEqual({ sx: CONFIG.sx, referenceCode: REFERENCE })
  })

  it('asks the list, without completing again, when CompletePayment refuses', async () => {
    const refused = json(200, { RESPONSE_CODE: '0', ERROR_CODE: 'CORE0100' })
    const { ctx, sent } = fakeNkolay([
      on('/Vpos/v1/CompletePayment', refused),
      on('/Vpos/Payment/PaymentList', listAnswer([row('SALES', 'NEW')])),
    ])
    const outcome = await nkolayProvider.completeReturn(ctx, reference(), await signedResult())
    expect(outcome).toMatchObject({ kind: 'pending' })
    expect(sent.map((r) => r.path)).toEqual([
      '/Vpos/v1/CompletePayment',
      '/Vpos/Payment/PaymentList',
    ])
  })

  it('reports a smaller authorization, so the gateway holds the payment for review', async () => {
    const less = json(200, { RESPONSE_CODE: '2', AUTH_CODE: 'S1', AUTHORIZATION_AMOUNT: '9.99' })
    const { ctx } = fakeNkolay([on('/Vpos/v1/CompletePayment', less)])
    const outcome = await nkolayProvider.completeReturn(ctx, reference(), await signedResult())
    expect(outcome).toMatchObject({ kind: 'succeeded', amountMinor: 999 })
  })

  it('is not paid without an auth code', async () => {
    const noAuth = json(200, { RESPONSE_CODE: '2', AUTH_CODE: '0', AUTHORIZATION_AMOUNT: '10.00' })
    const { ctx } = fakeNkolay([on('/Vpos/v1/CompletePayment', noAuth)])
    const result = await signedResult({ AUTH_CODE: '' })
    expect(await nkolayProvider.completeReturn(ctx, reference(), result)).toMatchObject({
      kind: 'unknown',
    })
  })
})
