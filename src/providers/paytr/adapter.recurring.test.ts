import { describe, expect, it } from 'vitest'
import type { CreatePaymentInput, RecurringParent } from '../types'
import { paytrProvider as paytr } from './adapter'
import { paytrToken } from './signing'
import { CONFIG, fakePaytr, json, OID, PAYMENT_ID } from './test-context'

const SECRETS = { merchantKey: CONFIG.merchantKey, merchantSalt: CONFIG.merchantSalt }
const card = {
  holderName: 'PAYTR TEST',
  number: '4355084355084358',
  expiryMonth: 12,
  expiryYear: 2030,
  cvv: '000',
}
const input: CreatePaymentInput = {
  paymentId: PAYMENT_ID,
  amountMinor: 10000,
  currency: 'TRY',
  card,
  threeDS: false,
  capture: true,
  recurring: true,
  customer: {
    name: 'Ayşe',
    surname: 'Yılmaz',
    email: 'ayse@example.com',
    ipAddress: '85.34.78.112',
  },
}
const TOKEN = JSON.stringify({
  utoken: 'U1',
  ctoken: 'C1',
  ip: '85.34.78.112',
  name: 'Ayşe Yılmaz',
})
const parent: RecurringParent = {
  paymentId: PAYMENT_ID,
  providerPaymentId: OID,
  amountMinor: 10000,
  currency: 'TRY',
  capturedMinor: 10000,
  refundedMinor: 0,
  authorizeOnly: false,
  recurringToken: TOKEN,
  customerEmail: 'ayse@example.com',
}
const CHILD_ID = 'pay_01JF4M0000000000000000000C'
const CHILD_OID = 'pay01JF4M0000000000000000000C'
const charge = { paymentId: CHILD_ID, amountMinor: 2500, currency: 'TRY' }

describe('PayTR recurring parent', () => {
  it('stores the card of a non-3-D payment and keeps its tokens with the shopper IP and name', async () => {
    const fake = fakePaytr({
      '/odeme': [json({ status: 'success', msg: 'Ödeme Başarılı.', utoken: 'U1', ctoken: 'C1' })],
    })
    expect(await paytr.createPayment(fake.ctx, input)).toMatchObject({
      kind: 'succeeded',
      recurringToken: TOKEN,
    })
    expect(fake.sent[0]!.form.get('store_card')).toBe('1')
    expect(fake.sent[0]!.form.has('utoken')).toBe(false)
  })

  it('is refused with 3-D Secure or without card data: PayTR charges stored cards non-3-D', async () => {
    const { ctx } = fakePaytr({})
    expect(await paytr.createPayment(ctx, { ...input, threeDS: true })).toEqual({
      kind: 'not_supported',
    })
    expect(
      await paytr.createPayment(ctx, { ...input, card: undefined, returnUrl: 'https://g.test/cb' })
    ).toEqual({ kind: 'not_supported' })
  })
})

describe('PayTR recurring charge', () => {
  it('charges the stored card with recurring_payment=1, signed like a Direct API payment', async () => {
    const fake = fakePaytr({ '/odeme': [json({ status: 'success', msg: 'Ödeme Başarılı.' })] })
    expect(await paytr.chargeRecurring(fake.ctx, parent, charge)).toEqual({
      kind: 'succeeded',
      status: 'successful',
      providerPaymentId: CHILD_OID,
      amountMinor: 2500,
      currency: 'TRY',
    })
    const form = fake.sent[0]!.form
    expect(Object.fromEntries(form)).toMatchObject({
      merchant_oid: CHILD_OID,
      user_ip: '85.34.78.112',
      email: 'ayse@example.com',
      payment_amount: '25.00',
      non_3d: '1',
      utoken: 'U1',
      ctoken: 'C1',
      recurring_payment: '1',
    })
    expect(form.has('card_number')).toBe(false)
    const hashStr = `12345685.34.78.112${CHILD_OID}ayse@example.com25.00card0TL11`
    expect(form.get('paytr_token')).toBe(await paytrToken(SECRETS, hashStr))
  })

  it('declines what the bank refuses and waits for a notification on wait_callback', async () => {
    const declined = fakePaytr({
      '/odeme': [
        json({ status: 'failed', msg: 'Kart banka tarafından kapatılmış.', try_again: false }),
      ],
    })
    expect(await paytr.chargeRecurring(declined.ctx, parent, charge)).toMatchObject({
      kind: 'declined',
      declineCode: 'card_declined',
    })
    const waiting = fakePaytr({ '/odeme': [json({ status: 'wait_callback', msg: 'Bekleyin' })] })
    expect(await paytr.chargeRecurring(waiting.ctx, parent, charge)).toEqual({
      kind: 'pending',
      redirectUrl: '',
      providerPaymentId: CHILD_OID,
    })
  })

  it("asks capi/list for the card's ctoken when the parent's answer had none", async () => {
    const noCtoken = JSON.stringify({ utoken: 'U1', ip: '85.34.78.112', name: 'A' })
    const fake = fakePaytr({
      '/odeme/capi/list': [json([{ ctoken: 'C9', require_cvv: '0', last_4: '4358' }])],
      '/odeme': [json({ status: 'success', msg: 'ok' })],
    })
    await paytr.chargeRecurring(fake.ctx, { ...parent, recurringToken: noCtoken }, charge)
    expect(fake.sent[0]!.form.get('paytr_token')).toBe(await paytrToken(SECRETS, 'U1'))
    expect(fake.sent[1]!.form.get('ctoken')).toBe('C9')
  })

  it('declines a parent without a stored card', async () => {
    const { ctx } = fakePaytr({})
    expect(
      await paytr.chargeRecurring(ctx, { ...parent, recurringToken: null }, charge)
    ).toMatchObject({ kind: 'declined', declineCode: 'not_permitted' })
  })
})

describe('PayTR recurrence stop', () => {
  it('deletes the stored card, signed over ctoken + utoken', async () => {
    const fake = fakePaytr({ '/odeme/capi/delete': [json({ status: 'success' })] })
    expect(await paytr.stopRecurring(fake.ctx, parent)).toEqual({ kind: 'succeeded' })
    const form = fake.sent[0]!.form
    expect([form.get('utoken'), form.get('ctoken')]).toEqual(['U1', 'C1'])
    expect(form.get('paytr_token')).toBe(await paytrToken(SECRETS, 'C1U1'))
  })

  it('is done when PayTR says the card is gone already', async () => {
    const fake = fakePaytr({
      '/odeme/capi/delete': [
        json({ status: 'error', err_msg: 'Kart yok veya daha önce silinmiş' }),
      ],
    })
    expect(await paytr.stopRecurring(fake.ctx, parent)).toEqual({ kind: 'succeeded' })
  })
})
