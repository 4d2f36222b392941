import { describe, expect, it } from 'vitest'
import { INITIALIZE_PATH } from './client'
import { createPayment } from './payments'
import {
  CONFIG,
  fakeOzan,
  initialized,
  input,
  json,
  RETURN_URL,
  TRANSACTION_ID,
} from './test-context'

describe('createPayment', () => {
  it('sends initializePayment with the API key, cents as text and our id as referenceNo', async () => {
    const { ctx, sent } = fakeOzan([() => initialized()])
    const outcome = await createPayment(ctx, input())
    expect(outcome).toEqual({
      kind: 'pending',
      redirectUrl: 'https://checkout-sandbox.ozan.com/pay/abc',
      providerPaymentId: TRANSACTION_ID,
    })
    expect(sent).toHaveLength(1)
    expect(sent[0]!.method).toBe('POST')
    expect(sent[0]!.path).toBe(INITIALIZE_PATH)
    expect(sent[0]!.headers['content-type']).toBe('application/json')
    expect(sent[0]!.body).toContain('"amount":"10050"')
    expect(JSON.parse(sent[0]!.body)).toEqual({
      apiKey: CONFIG.apiKey,
      referenceNo: 'pay_1',
      amount: '10050',
      currency: 'TRY',
      email: 'ayse@example.com',
      returnUrl: RETURN_URL,
      language: 'tr',
      billingFirstName: 'Ayşe',
      billingLastName: 'Yılmaz',
      basketItems: [
        {
          name: 'Order pay_1',
          description: 'Order pay_1',
          category: 'General',
          extraField: '',
          quantity: 1,
          unitPrice: '10050',
        },
      ],
    })
  })

  it('sends the merchant lines and the address when given', async () => {
    const { ctx, sent } = fakeOzan([() => initialized()])
    await createPayment(
      ctx,
      input({
        items: [
          { name: 'Book', category: 'Books', unitPriceMinor: 2525, quantity: 2 },
          { name: 'Pen', unitPriceMinor: 5000, quantity: 1 },
        ],
        customer: {
          name: 'Ayşe',
          surname: 'Yılmaz',
          email: 'ayse@example.com',
          phoneNumber: '+905350000000',
          address: { address: 'Nidakule', city: 'Istanbul', country: 'TR', zipCode: '34742' },
        },
      })
    )
    const body = JSON.parse(sent[0]!.body)
    expect(body).toMatchObject({
      billingAddress1: 'Nidakule',
      billingCity: 'Istanbul',
      billingCountry: 'TR',
      billingPostcode: '34742',
      billingPhone: '+905350000000',
    })
    expect(body.basketItems.map((i: { unitPrice: string }) => i.unitPrice)).toEqual([
      '2525',
      '5000',
    ])
    expect(body.basketItems[0].category).toBe('Books')
  })

  it('decodes a purchaseUrl that arrives URL-encoded', async () => {
    const { ctx } = fakeOzan([() => initialized('https%3A%2F%2Fcheckout.ozan.com%2Fpay%2Fx')])
    expect(await createPayment(ctx, input())).toMatchObject({
      redirectUrl: 'https://checkout.ozan.com/pay/x',
    })
  })

  it('declines when OzanPay gives no purchaseUrl', async () => {
    const { ctx } = fakeOzan([() => json(200, { status: 'ERROR', message: 'Invalid apiKey' })])
    expect(await createPayment(ctx, input())).toMatchObject({
      kind: 'declined',
      declineCode: 'processing_error',
      message: 'Invalid apiKey',
      providerCode: 'ERROR',
    })
  })

  it('declines a 4xx refusal with its message', async () => {
    const { ctx } = fakeOzan([() => json(400, { code: 100, message: 'amount is required' })])
    expect(await createPayment(ctx, input())).toMatchObject({
      kind: 'declined',
      message: 'amount is required',
      providerCode: '100',
    })
  })

  it('answers unknown for a 5xx or a lost answer: the session may exist', async () => {
    expect(await createPayment(fakeOzan([() => json(502, {})]).ctx, input())).toEqual({
      kind: 'unknown',
      reason: 'http_502',
    })
    expect(await createPayment(fakeOzan([() => 'network_error']).ctx, input())).toEqual({
      kind: 'unknown',
      reason: 'network_error',
    })
  })

  it('does not take card data, authorizations, recurring or non-cent currencies', async () => {
    const { ctx, sent } = fakeOzan([() => initialized()])
    const card = { holderName: 'A', number: '4111', expiryMonth: 1, expiryYear: 2030, cvv: '1' }
    for (const overrides of [
      { card },
      { capture: false },
      { recurring: true },
      { currency: 'JPY', amountMinor: 100 },
      { paymentMethod: 'WALLET' },
      { returnUrl: undefined },
    ]) {
      expect(await createPayment(ctx, input(overrides))).toEqual({ kind: 'not_supported' })
    }
    expect(sent).toHaveLength(0)
  })
})
