import { describe, expect, it } from 'vitest'
import type { CreatePaymentInput, PaymentReference } from '../types'
import { paytrProvider as paytr } from './adapter'
import { paytrToken } from './signing'
import { CONFIG, fakePaytr, html, json, notPaid, OID, PAYMENT_ID, paidStatus } from './test-context'

const RETURN = 'https://gateway.test/v1/callback/paytr?state=abc'
const input: CreatePaymentInput = {
  paymentId: PAYMENT_ID,
  amountMinor: 10000,
  currency: 'TRY',
  threeDS: false,
  capture: true,
  recurring: false,
  returnUrl: RETURN,
  customer: {
    name: 'Ayşe',
    surname: 'Yılmaz',
    email: 'ayse@example.com',
    ipAddress: '85.34.78.112',
  },
}
const card = {
  holderName: 'PAYTR TEST',
  number: '4355084355084358',
  expiryMonth: 12,
  expiryYear: 2030,
  cvv: '000',
}
const reference: PaymentReference = {
  paymentId: PAYMENT_ID,
  providerPaymentId: OID,
  amountMinor: 10000,
  currency: 'TRY',
  capturedMinor: 10000,
  refundedMinor: 0,
  authorizeOnly: false,
}
const SECRETS = { merchantKey: CONFIG.merchantKey, merchantSalt: CONFIG.merchantSalt }

describe('PayTR hosted payment (iFrame API)', () => {
  it('gets a token and sends the shopper to /odeme/guvenli/<token>', async () => {
    const fake = fakePaytr({
      '/odeme/api/get-token': [json({ status: 'success', token: 'abc123' })],
    })
    expect(await paytr.createPayment(fake.ctx, input)).toEqual({
      kind: 'pending',
      redirectUrl: 'https://www.paytr.com/odeme/guvenli/abc123',
      providerPaymentId: OID,
    })
    const [sent] = fake.sent
    expect(sent!.headers['content-type']).toBe('application/x-www-form-urlencoded')
    const f = sent!.form
    const hashStr = `123456${f.get('user_ip')}${OID}ayse@example.com10000${f.get('user_basket')}00TL1`
    expect(f.get('paytr_token')).toBe(await paytrToken(SECRETS, hashStr))
  })

  it('declines what PayTR refuses and leaves a 5xx or a lost answer unknown', async () => {
    const refused = fakePaytr({
      '/odeme/api/get-token': [json({ status: 'failed', reason: 'paytr_token gecersiz' })],
    })
    expect(await paytr.createPayment(refused.ctx, input)).toMatchObject({
      kind: 'declined',
      declineCode: 'processing_error',
      message: 'PayTR refused the request: paytr_token gecersiz',
    })
    const down = fakePaytr({ '/odeme/api/get-token': [{ status: 502, text: 'Bad Gateway' }] })
    expect(await paytr.createPayment(down.ctx, input)).toEqual({
      kind: 'unknown',
      reason: 'http_502',
    })
    const lost = fakePaytr({ '/odeme/api/get-token': ['network_error'] })
    expect(await paytr.createPayment(lost.ctx, input)).toMatchObject({ kind: 'unknown' })
  })

  it('sends nothing when the return URL is over the 400 characters PayTR takes', async () => {
    const fake = fakePaytr({})
    const returnUrl = `${RETURN}${'x'.repeat(400 - RETURN.length + 1)}`
    expect(await paytr.createPayment(fake.ctx, { ...input, returnUrl })).toMatchObject({
      kind: 'declined',
      declineCode: 'processing_error',
    })
    expect(fake.sent).toHaveLength(0)
  })

  it('needs the shopper IP, a return URL and a currency PayTR takes', async () => {
    const { ctx } = fakePaytr({})
    const noIp = { ...input, customer: { ...input.customer, ipAddress: undefined } }
    expect(await paytr.createPayment(ctx, noIp)).toEqual({ kind: 'not_supported' })
    expect(await paytr.createPayment(ctx, { ...input, returnUrl: undefined })).toEqual({
      kind: 'not_supported',
    })
    expect(await paytr.createPayment(ctx, { ...input, currency: 'CZK' })).toEqual({
      kind: 'not_supported',
    })
    expect(await paytr.createPayment(ctx, { ...input, capture: false })).toEqual({
      kind: 'not_supported',
    })
  })
})

describe('PayTR card payment (Direct API)', () => {
  it("hands the bank's 3-D Secure page over as a page", async () => {
    const page =
      '<form action="https://bank.example/3d" method="post"><input name="MD" value="x"></form>'
    const fake = fakePaytr({ '/odeme': [html(page)] })
    expect(await paytr.createPayment(fake.ctx, { ...input, card, threeDS: true })).toEqual({
      kind: 'pending',
      redirectUrl: '',
      page: { kind: 'html', html: page },
      providerPaymentId: OID,
    })
    expect(fake.sent[0]!.form.get('non_3d')).toBe('0')
  })

  it('reads the sync_mode answers of a non-3-D payment', async () => {
    const answer = async (body: unknown) =>
      paytr.createPayment(fakePaytr({ '/odeme': [json(body)] }).ctx, { ...input, card })
    expect(await answer({ status: 'success', msg: 'Ödeme Başarılı.' })).toEqual({
      kind: 'succeeded',
      status: 'successful',
      providerPaymentId: OID,
      amountMinor: 10000,
      currency: 'TRY',
    })
    expect(
      await answer({ status: 'failed', msg: 'Kartın limiti / bakiyesi yetersiz.' })
    ).toMatchObject({ kind: 'declined', declineCode: 'insufficient_funds' })
    expect(await answer({ status: 'wait_callback', msg: 'Ödeme Kontrol Ediliyor' })).toEqual({
      kind: 'pending',
      redirectUrl: '',
      providerPaymentId: OID,
    })
    expect(
      await answer({ status: 'failed', msg: 'Henüz devam eden bir işleminiz bulunmaktadır.' })
    ).toMatchObject({ kind: 'unknown' })
    expect(await answer({ status: 'failed', msg: 'Bekleyin', try_again: true })).toMatchObject({
      kind: 'unknown',
    })
    expect(
      await answer({ status: 'failed', reason: 'Zorunlu alan degeri gecersiz: cvv' })
    ).toMatchObject({ kind: 'declined', declineCode: 'processing_error' })
  })

  it('leaves an HTML answer to a non-3-D payment, or a 5xx, unknown', async () => {
    const page = fakePaytr({ '/odeme': [html('<html></html>')] })
    expect(await paytr.createPayment(page.ctx, { ...input, card })).toMatchObject({
      kind: 'unknown',
    })
    const down = fakePaytr({ '/odeme': [{ status: 500, text: 'oops' }] })
    expect(await paytr.createPayment(down.ctx, { ...input, card })).toMatchObject({
      kind: 'unknown',
    })
  })

  it('offers no installments through the Direct API (they need card_type from the BIN service)', async () => {
    const { ctx } = fakePaytr({})
    expect(await paytr.createPayment(ctx, { ...input, card, installmentCount: 3 })).toEqual({
      kind: 'not_supported',
    })
  })
})

const paid = { status: 'success', payment_amount: '100,00', payment_total: 100, currency: 'TL' }

describe('PayTR status', () => {
  it('asks by merchant_oid, so a payment without PayTR id is found', async () => {
    const fake = fakePaytr({ '/odeme/durum-sorgu': [paidStatus()] })
    expect(await paytr.getStatus(fake.ctx, { ...reference, providerPaymentId: null })).toEqual({
      kind: 'succeeded',
      status: 'successful',
      providerPaymentId: OID,
      amountMinor: 10000,
      currency: 'TRY',
    })
    expect(fake.sent[0]!.form.get('merchant_oid')).toBe(OID)
    expect(fake.sent[0]!.form.get('paytr_token')).toBe(await paytrToken(SECRETS, `123456${OID}`))
  })

  it('reads returns however PHP encodes them: a list, an object of entries, or an empty string', async () => {
    const entry = { return_amount: 10.5, reference_no: 123 }
    for (const returns of [[entry], { 0: entry }]) {
      const fake = fakePaytr({ '/odeme/durum-sorgu': [json({ ...paid, returns })] })
      expect(await paytr.cancel(fake.ctx, reference)).toMatchObject({ kind: 'unknown' })
      expect(fake.sent[1]!.form.get('return_amount')).toBe('89.50')
    }
    const none = fakePaytr({ '/odeme/durum-sorgu': [json({ ...paid, returns: '' })] })
    expect(await paytr.getStatus(none.ctx, reference)).toMatchObject({ kind: 'succeeded' })
  })

  it('keeps an order without a successful payment pending, and a failed query unknown', async () => {
    const waiting = fakePaytr({ '/odeme/durum-sorgu': [notPaid()] })
    expect(await paytr.getStatus(waiting.ctx, reference)).toEqual({
      kind: 'pending',
      redirectUrl: '',
      providerPaymentId: OID,
    })
    const bad = fakePaytr({
      '/odeme/durum-sorgu': [json({ status: 'error', err_no: '003', err_msg: 'paytr_token' })],
    })
    expect(await paytr.getStatus(bad.ctx, reference)).toMatchObject({ kind: 'unknown' })
  })
})

describe('PayTR return from the payment page', () => {
  it('succeeds when the status query says paid, whatever URL the shopper came back to', async () => {
    const fake = fakePaytr({ '/odeme/durum-sorgu': [paidStatus()] })
    expect(await paytr.completeReturn(fake.ctx, reference, { paytr_result: 'fail' })).toMatchObject(
      { kind: 'succeeded' }
    )
  })

  it('declines at the fail URL when PayTR has no successful payment, reading fail_message', async () => {
    const fake = fakePaytr({ '/odeme/durum-sorgu': [notPaid()] })
    expect(
      await paytr.completeReturn(fake.ctx, reference, {
        paytr_result: 'fail',
        fail_message: 'Kartın limiti / bakiyesi yetersiz.',
      })
    ).toMatchObject({ kind: 'declined', declineCode: 'insufficient_funds', providerCode: '004' })
  })

  it('stays pending at the OK URL until PayTR reports the payment', async () => {
    const fake = fakePaytr({ '/odeme/durum-sorgu': [notPaid()] })
    expect(await paytr.completeReturn(fake.ctx, reference, {})).toMatchObject({ kind: 'pending' })
  })
})
