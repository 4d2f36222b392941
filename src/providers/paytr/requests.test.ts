import { describe, expect, it } from 'vitest'
import { fromBase64, fromUtf8 } from '../../crypto/encoding'
import type { CreatePaymentInput } from '../types'
import type { PaytrSettings } from './client'
import {
  directBasket,
  directForm,
  iframeBasket,
  iframeTokenForm,
  refundForm,
  returnUrlsOf,
  statusForm,
} from './requests'
import { CONFIG, fakePaytr, OID, PAYMENT_ID } from './test-context'

const settings: PaytrSettings = { ...CONFIG, testMode: '1' }
const order = { merchantOid: OID, userIp: '85.34.78.112', currency: 'TL' as const }
const urls = {
  ok: 'https://gw.test/cb?state=s',
  fail: 'https://gw.test/cb?state=s&paytr_result=fail',
}

const input: CreatePaymentInput = {
  paymentId: PAYMENT_ID,
  amountMinor: 10099,
  currency: 'TRY',
  threeDS: true,
  capture: true,
  recurring: false,
  returnUrl: urls.ok,
  customer: {
    name: 'Ayşe',
    surname: 'Yılmaz',
    email: 'ayse@example.com',
    phoneNumber: '05555555555',
    ipAddress: '85.34.78.112',
    address: { address: 'Atatürk Cad. 1', city: 'İstanbul', country: 'TR' },
  },
  items: [
    { name: 'Çay & "kahve"', unitPriceMinor: 3333, quantity: 2 },
    { name: 'Simit', unitPriceMinor: 3433, quantity: 1 },
  ],
}
const card = {
  holderName: 'PAYTR TEST',
  number: '4355084355084358',
  expiryMonth: 3,
  expiryYear: 2030,
  cvv: '000',
}

const fieldsOf = (form: { fields: [string, string][] }) => Object.fromEntries(form.fields)

describe('PayTR iFrame token request', () => {
  it('sends the amount in kuruş, the basket as base64 JSON, and signs the documented fields', () => {
    const form = iframeTokenForm(settings, input, order, urls)
    const f = fieldsOf(form)
    expect(f).toMatchObject({
      merchant_id: '123456',
      user_ip: '85.34.78.112',
      merchant_oid: OID,
      email: 'ayse@example.com',
      payment_amount: '10099',
      no_installment: '0',
      max_installment: '0',
      user_name: 'Ayşe Yılmaz',
      user_address: 'Atatürk Cad. 1 İstanbul TR',
      user_phone: '05555555555',
      merchant_ok_url: urls.ok,
      merchant_fail_url: urls.fail,
      timeout_limit: '30',
      currency: 'TL',
      test_mode: '1',
      debug_on: '1',
      lang: 'tr',
    })
    expect(f.user_basket).toBe(
      iframeBasket([
        ['Çay & "kahve"', '33.33', 2],
        ['Simit', '34.33', 1],
      ])
    )
    expect(form.hashStr).toBe(`12345685.34.78.112${OID}ayse@example.com10099${f.user_basket}00TL1`)
  })

  it('asks for one payment or at most N installments', () => {
    const single = fieldsOf(
      iframeTokenForm(settings, { ...input, installmentCount: 1 }, order, urls)
    )
    expect([single.no_installment, single.max_installment]).toEqual(['1', '0'])
    const six = fieldsOf(iframeTokenForm(settings, { ...input, installmentCount: 6 }, order, urls))
    expect([six.no_installment, six.max_installment]).toEqual(['0', '6'])
  })

  it('lists one line for the whole amount when there are no items', () => {
    const f = fieldsOf(
      iframeTokenForm(
        settings,
        { ...input, items: undefined, description: 'Sipariş 42' },
        order,
        urls
      )
    )
    expect(fromUtf8(fromBase64(f.user_basket!))).toBe('[["Sipariş 42","100.99",1]]')
  })
})

describe('PayTR Direct API request', () => {
  it('sends the card, a decimal amount, the basket as JSON and signs the documented fields', () => {
    const form = directForm(settings, { ...input, card }, order, urls)
    const f = fieldsOf(form)
    expect(f).toMatchObject({
      cc_owner: 'PAYTR TEST',
      card_number: '4355084355084358',
      expiry_month: '3',
      expiry_year: '30',
      cvv: '000',
      payment_type: 'card',
      payment_amount: '100.99',
      installment_count: '0',
      currency: 'TL',
      test_mode: '1',
      non_3d: '0',
      sync_mode: '0',
      non3d_test_failed: '0',
      client_lang: 'tr',
    })
    expect(f.user_basket).toBe('[["Çay & \\"kahve\\"","33.33",2],["Simit","34.33",1]]')
    expect(form.hashStr).toBe(`12345685.34.78.112${OID}ayse@example.com100.99card0TL10`)
  })

  it('asks for an immediate JSON answer when there is no 3-D Secure', () => {
    const f = fieldsOf(directForm(settings, { ...input, card, threeDS: false }, order, urls))
    expect([f.non_3d, f.sync_mode]).toEqual(['1', '1'])
  })

  it('sends the basket JSON as PayTR receives it from its sample form, not HTML-escaped', () => {
    // The sample's htmlentities() only survives until the browser decodes the value attribute.
    expect(directBasket([['<b> & "c"', '1.00', 1]])).toBe('[["<b> & \\"c\\"","1.00",1]]')
  })
})

describe('PayTR status and refund requests', () => {
  it('signs merchant_id + merchant_oid for the status query', () => {
    const form = statusForm(settings, OID)
    expect(form.fields).toEqual([
      ['merchant_id', '123456'],
      ['merchant_oid', OID],
    ])
    expect(form.hashStr).toBe(`123456${OID}`)
  })

  it('sends the refund amount as a decimal with our reference', () => {
    const form = refundForm(settings, {
      merchantOid: OID,
      amountMinor: 1197,
      currency: 'TRY',
      referenceNo: 're01JF',
    })
    expect(fieldsOf(form)).toEqual({
      merchant_id: '123456',
      merchant_oid: OID,
      return_amount: '11.97',
      reference_no: 're01JF',
    })
    expect(form.hashStr).toBe(`123456${OID}11.97`)
  })
})

describe('PayTR return URLs', () => {
  it('marks the fail URL and keeps the state of the gateway callback', () => {
    const { ctx } = fakePaytr({})
    const back = returnUrlsOf(ctx, 'https://gw.test/v1/callback/paytr?state=abc')!
    expect(back.ok).toBe('https://gw.test/v1/callback/paytr?state=abc')
    expect(back.fail).toBe('https://gw.test/v1/callback/paytr?state=abc&paytr_result=fail')
  })

  it('still gives PayTR both URLs for a non-3-D payment, which sends nobody back', () => {
    const { ctx } = fakePaytr({})
    expect(returnUrlsOf(ctx, undefined)!.ok).toBe('https://gateway.test/v1/callback/paytr')
  })

  it('keeps both within the 400 characters PayTR takes', () => {
    const { ctx } = fakePaytr({})
    const returnUrl = (length: number) => {
      const base = 'https://gw.test/v1/callback/paytr?state='
      return base + 'x'.repeat(length - base.length)
    }
    const fits = returnUrlsOf(ctx, returnUrl(382))!
    expect(fits.fail).toHaveLength(400)
    // The mark alone would pass the limit: both URLs are the callback URL.
    expect(returnUrlsOf(ctx, returnUrl(383))).toEqual({ ok: returnUrl(383), fail: returnUrl(383) })
    expect(returnUrlsOf(ctx, returnUrl(400))!.ok).toHaveLength(400)
    expect(returnUrlsOf(ctx, returnUrl(401))).toBeUndefined()
  })
})
