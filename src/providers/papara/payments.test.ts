import { describe, expect, it } from 'vitest'
import { paparaProvider as papara } from './adapter'
import {
  failed,
  fakePapara,
  input,
  json,
  NOTIFY,
  PAPARA_ID,
  PAYMENT_URL,
  paparaPayment,
  RETURN_URL,
  succeeded,
} from './test-context'

const created = () => succeeded(paparaPayment({ status: 0, userId: null, amount: 18.35 }))

describe('Papara payment create', () => {
  it('posts the payment as the SDK does and sends the shopper to paymentUrl', async () => {
    const p = fakePapara([() => created()])
    const outcome = await papara.createPayment(p.ctx, input())
    expect(outcome).toEqual({
      kind: 'pending',
      redirectUrl: PAYMENT_URL,
      providerPaymentId: PAPARA_ID,
    })
    const [sent] = p.sent
    expect(sent).toMatchObject({ method: 'POST', path: '/payments' })
    expect(sent!.headers).toMatchObject({
      apikey: 'test-api-key',
      'content-type': 'application/json',
      accept: 'application/json',
    })
    expect(sent!.body).toBe(
      `{"amount":18.35,"referenceId":"pay_34","orderDescription":"Ürün açıklaması","notificationUrl":"${NOTIFY}","redirectUrl":"${RETURN_URL}"}`
    )
  })

  it('leaves currency out for TRY, as every official example does', async () => {
    const p = fakePapara([() => created()])
    await papara.createPayment(p.ctx, input({ currency: 'TRY' }))
    expect(JSON.parse(p.sent[0]!.body)).not.toHaveProperty('currency')
  })

  it.each([
    ['USD', 1],
    ['EUR', 2],
  ] as const)('sends the currency enum for %s', async (currency, code) => {
    const p = fakePapara([() => created()])
    await papara.createPayment(p.ctx, input({ currency }))
    expect(JSON.parse(p.sent[0]!.body).currency).toBe(code)
  })

  it('opens a paymentUrl given without a scheme, as the node README sample writes it', async () => {
    const p = fakePapara([
      () =>
        succeeded(
          paparaPayment({
            status: 0,
            userId: null,
            paymentUrl: 'www.papara.com/pid?6666-5555-ABCD',
          })
        ),
    ])
    expect(await papara.createPayment(p.ctx, input())).toMatchObject({
      kind: 'pending',
      redirectUrl: 'https://www.papara.com/pid?6666-5555-ABCD',
    })
  })

  it.each([
    ['empty', ''],
    ['not http(s)', 'javascript:alert(1)'],
  ])('does not send the shopper to a paymentUrl that is %s', async (_, paymentUrl) => {
    const p = fakePapara([() => succeeded(paparaPayment({ status: 0, userId: null, paymentUrl }))])
    expect(await papara.createPayment(p.ctx, input())).toEqual({
      kind: 'unknown',
      reason: 'created_without_payment_url',
    })
  })

  it('names the order when the merchant gave no description, and sends the currency enum', async () => {
    const p = fakePapara([() => created()])
    await papara.createPayment(
      p.ctx,
      input({ description: undefined, orderId: 'A-1', currency: 'GBP' })
    )
    expect(JSON.parse(p.sent[0]!.body)).toMatchObject({
      orderDescription: 'Order A-1',
      currency: 3,
    })
  })

  it.each([
    [
      'card data',
      {
        card: {
          holderName: 'A',
          number: '4111111111111111',
          expiryMonth: 1,
          expiryYear: 2030,
          cvv: '123',
        },
      },
    ],
    ['an authorization hold', { capture: false }],
    ['a stored method', { recurring: true }],
    ['a payment method choice', { paymentMethod: 'card' }],
    ['a currency outside the enum', { currency: 'PLN' }],
    ['no return URL', { returnUrl: undefined }],
  ])('does not support %s', async (_, overrides) => {
    const p = fakePapara([() => created()])
    expect(await papara.createPayment(p.ctx, input(overrides))).toEqual({ kind: 'not_supported' })
    expect(p.sent).toHaveLength(0)
  })

  it('declines amounts outside 1.00 to 500000.00 without calling Papara', async () => {
    const p = fakePapara([() => created()])
    const low = await papara.createPayment(p.ctx, input({ amountMinor: 99 }))
    const high = await papara.createPayment(p.ctx, input({ amountMinor: 50_000_001 }))
    expect(low).toMatchObject({ kind: 'declined', declineCode: 'not_permitted' })
    expect(high).toMatchObject({ kind: 'declined', declineCode: 'not_permitted' })
    expect(p.sent).toHaveLength(0)
  })

  it('declines with Papara’s words on 997 and 998', async () => {
    const p = fakePapara([() => failed(997, 'Ödeme alma yetkiniz yok.')])
    expect(await papara.createPayment(p.ctx, input())).toEqual({
      kind: 'declined',
      declineCode: 'not_permitted',
      message: 'Ödeme alma yetkiniz yok. (Papara error 997)',
      providerCode: '997',
    })
    const bad = fakePapara([() => failed(998, 'Invalid parameters', 400)])
    expect(await papara.createPayment(bad.ctx, input())).toMatchObject({
      kind: 'declined',
      declineCode: 'processing_error',
      providerCode: '998',
    })
  })

  it('keeps the outcome unknown after a system error, a 5xx, a lost answer or an unreadable one', async () => {
    for (const answer of [
      failed(999),
      json(500, 'oops'),
      'network_error' as const,
      json(200, '<html>'),
    ]) {
      const p = fakePapara([() => answer])
      expect((await papara.createPayment(p.ctx, input())).kind).toBe('unknown')
    }
  })

  it('refuses an API key Papara does not know as a decline', async () => {
    const p = fakePapara([() => json(401, '')])
    expect(await papara.createPayment(p.ctx, input())).toMatchObject({
      kind: 'declined',
      providerCode: 'http_401',
    })
  })
})
