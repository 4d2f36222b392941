import { describe, expect, it } from 'vitest'
import type { CreatePaymentInput } from '../types'
import {
  createPaymentBody,
  itemsOf,
  partialCaptureBody,
  RECURRENCE_DATE_TO,
  recurringChargeBody,
} from './requests'
import type { GoPaySettings } from './settings'
import { wireJson, wireText } from './wire'

const settings: GoPaySettings = {
  goId: 8123456789,
  clientId: '1061399163',
  clientSecret: 'stDTmVXF',
  language: 'CS',
  requestCardToken: false,
}

const input = (overrides: Partial<CreatePaymentInput> = {}): CreatePaymentInput => ({
  paymentId: 'pay_01JF4M',
  amountMinor: 10000,
  currency: 'CZK',
  threeDS: false,
  capture: true,
  recurring: false,
  returnUrl: 'https://gateway.test/v1/callback/gopay?state=abc',
  customer: { name: 'John', surname: 'Doe', email: 'john.doe@example.com' },
  ...overrides,
})

const NOTIFY = 'https://gateway.test/v1/webhooks/gopay'

describe('GoPay create payment body', () => {
  it('carries the documented fields (doc "Založení standardní platby v úplné podobě")', () => {
    const body = createPaymentBody(
      input({
        orderId: '123456',
        description: 'Test order',
        customer: {
          name: 'John',
          surname: 'Doe',
          email: 'john.doe@example.com',
          phoneNumber: '+420123456789',
          address: {
            city: 'Test city',
            address: 'Test street 10',
            zipCode: '10000',
            country: 'CZE',
          },
        },
        paymentMethod: 'PAYMENT_CARD',
      }),
      settings,
      NOTIFY
    )
    expect(JSON.parse(wireJson(body))).toEqual({
      payer: {
        allowed_payment_instruments: ['PAYMENT_CARD'],
        default_payment_instrument: 'PAYMENT_CARD',
        contact: {
          first_name: 'John',
          last_name: 'Doe',
          email: 'john.doe@example.com',
          phone_number: '+420123456789',
          city: 'Test city',
          street: 'Test street 10',
          postal_code: '10000',
          country_code: 'CZE',
        },
      },
      target: { type: 'ACCOUNT', goid: 8123456789 },
      amount: 10000,
      currency: 'CZK',
      order_number: '123456',
      order_description: 'Test order',
      items: [{ type: 'ITEM', name: 'Test order', amount: 10000, count: 1 }],
      callback: {
        return_url: 'https://gateway.test/v1/callback/gopay?state=abc',
        notification_url: NOTIFY,
      },
      lang: 'CS',
    })
  })

  it('uses our payment id as the order number and sends only what is known', () => {
    const body = JSON.parse(wireJson(createPaymentBody(input(), settings, NOTIFY)))
    expect(body.order_number).toBe('pay_01JF4M')
    expect(body.order_description).toBeUndefined()
    expect(body.payer).toEqual({
      contact: { first_name: 'John', last_name: 'Doe', email: 'john.doe@example.com' },
    })
    expect(body.items).toEqual([
      { type: 'ITEM', name: 'Order pay_01JF4M', amount: 10000, count: 1 },
    ])
  })

  it('leaves out a country that is not ISO alpha-3', () => {
    const body = createPaymentBody(
      input({ customer: { ...input().customer, address: { country: 'Czechia' } } }),
      settings,
      NOTIFY
    )
    expect(body.payer.contact.country_code).toBeUndefined()
  })

  it('asks for a preauthorization when the payment is not captured', () => {
    const body = createPaymentBody(input({ capture: false }), settings, NOTIFY)
    expect(body).toMatchObject({ preauthorization: true })
  })

  it('starts an ON_DEMAND recurrence for a recurring payment', () => {
    const body = createPaymentBody(input({ recurring: true }), settings, NOTIFY)
    expect(body).toMatchObject({
      recurrence: { recurrence_cycle: 'ON_DEMAND', recurrence_date_to: RECURRENCE_DATE_TO },
    })
    expect(body.payer).not.toHaveProperty('request_card_token')
  })

  it('requests a card token, card only, where the e-shop has card tokens', () => {
    const body = createPaymentBody(
      input({ recurring: true }),
      { ...settings, requestCardToken: true },
      NOTIFY
    )
    expect(body.payer).toMatchObject({
      allowed_payment_instruments: ['PAYMENT_CARD'],
      request_card_token: true,
    })
    const other = createPaymentBody(
      input({ recurring: true, paymentMethod: 'BANK_ACCOUNT' }),
      { ...settings, requestCardToken: true },
      NOTIFY
    )
    expect(other.payer).not.toHaveProperty('request_card_token')
  })

  it('sends Czech and Cyrillic text as UTF-8, never as \\u escapes (the SDK WAF note)', () => {
    const text = wireJson(
      createPaymentBody(
        input({ description: 'Příliš žluťoučký kůň — СЛИВЕН\u0007\ud800', paymentId: 'p' }),
        settings,
        NOTIFY
      )
    )
    expect(text).not.toContain('\\u')
    expect(text).toContain('"order_description":"Příliš žluťoučký kůň — СЛИВЕН"')
  })

  it('refuses to send a body that would carry an escape', () => {
    expect(() => wireJson({ name: '\u0001' })).toThrow()
    expect(wireJson({ path: 'C:\\users' })).toBe('{"path":"C:\\\\users"}')
  })

  it('cuts texts to GoPay limits by characters', () => {
    expect(wireText('ž'.repeat(300), 256)).toHaveLength(256)
  })
})

describe('GoPay items', () => {
  const lines = [
    { name: 'Kniha', unitPriceMinor: 2500, quantity: 2 },
    { name: 'Poštovné', unitPriceMinor: 5000, quantity: 1 },
  ]

  it('sends each line with its total as amount and its quantity as count', () => {
    expect(itemsOf(10000, 'fallback', lines)).toEqual([
      { type: 'ITEM', name: 'Kniha', amount: 5000, count: 2 },
      { type: 'ITEM', name: 'Poštovné', amount: 5000, count: 1 },
    ])
  })

  it('falls back to one line when the lines do not add up to the amount', () => {
    expect(itemsOf(9999, 'Order 1', lines)).toEqual([
      { type: 'ITEM', name: 'Order 1', amount: 9999, count: 1 },
    ])
  })
})

describe('GoPay follow-up bodies', () => {
  it('charges a recurrence with amount, currency, order number and one item', () => {
    expect(recurringChargeBody({ paymentId: 'pay_2', amountMinor: 4000, currency: 'CZK' })).toEqual(
      {
        amount: 4000,
        currency: 'CZK',
        order_number: 'pay_2',
        order_description: undefined,
        items: [{ type: 'ITEM', name: 'Order pay_2', amount: 4000, count: 1 }],
      }
    )
  })

  it('captures part of an authorization with the amount and its item', () => {
    expect(partialCaptureBody('pay_3', 5000)).toEqual({
      amount: 5000,
      items: [{ type: 'ITEM', name: 'Captured part of payment pay_3', amount: 5000, count: 1 }],
    })
  })
})
