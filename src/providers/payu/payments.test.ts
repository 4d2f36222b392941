import { describe, expect, it } from 'vitest'
import type { CreatePaymentInput } from '../types'
import { payuProvider as payu } from './adapter'
import {
  CONFIG,
  fakePayu,
  json,
  NOTIFY,
  ORDER_ID,
  payuError,
  reference,
  retrieved,
  type SentRequest,
  updated,
} from './test-context'

const input: CreatePaymentInput = {
  paymentId: 'pay_1',
  amountMinor: 10000,
  currency: 'PLN',
  threeDS: false,
  capture: true,
  recurring: false,
  returnUrl: 'https://gateway.test/v1/callback/payu?state=abc',
  customer: {
    name: 'Jan',
    surname: 'Kowalski',
    email: 'jan.kowalski@example.com',
    ipAddress: '203.0.113.7',
  },
}

const REDIRECT = `https://merch-prod.snd.payu.com/pay/?orderId=${ORDER_ID}&token=eyJhbGciOiJIUzI1NiJ9`

/** PayU's order-create answer to the hosted flow: 302 with a JSON body. */
const created = () =>
  json(302, {
    status: { statusCode: 'SUCCESS' },
    redirectUri: REDIRECT,
    orderId: ORDER_ID,
    extOrderId: 'pay_1',
  })

const is = (method: string, path: string) => (r: SentRequest) =>
  r.method === method && r.path === path

describe('PayU order create', () => {
  it('asks for a client_credentials token with the POS id, as the SDK does', async () => {
    const payu_ = fakePayu([() => created()])
    await payu.createPayment(payu_.ctx, input)
    const [token] = payu_.sent
    expect(token).toMatchObject({ method: 'POST', path: '/pl/standard/user/oauth/authorize' })
    expect(token!.headers['content-type']).toBe('application/x-www-form-urlencoded')
    expect(token!.body).toBe(
      `grant_type=client_credentials&client_id=300746&client_secret=${CONFIG.clientSecret}`
    )
  })

  it('posts the order as PayU documents it and sends the buyer to redirectUri', async () => {
    const payu_ = fakePayu([() => created()])
    expect(await payu.createPayment(payu_.ctx, input)).toEqual({
      kind: 'pending',
      redirectUrl: REDIRECT,
      providerPaymentId: ORDER_ID,
    })
    const [create] = payu_.calls()
    expect(create).toMatchObject({ method: 'POST', path: '/api/v2_1/orders' })
    expect(create!.headers).toMatchObject({
      'content-type': 'application/json',
      accept: 'application/json',
      authorization: 'Bearer 3e5cac39-7e38-4139-8fd6-30adc06a61b1',
    })
    expect(create!.body).toBe(
      JSON.stringify({
        notifyUrl: NOTIFY,
        continueUrl: input.returnUrl,
        customerIp: '203.0.113.7',
        merchantPosId: '300746',
        description: 'Order pay_1',
        currencyCode: 'PLN',
        totalAmount: '10000',
        extOrderId: 'pay_1',
        buyer: { email: 'jan.kowalski@example.com', firstName: 'Jan', lastName: 'Kowalski' },
        products: [{ name: 'Order pay_1', unitPrice: '10000', quantity: '1' }],
      })
    )
  })

  it('sends the merchant’s lines when they add up, a PBL method when named, and a fallback IP', async () => {
    const payu_ = fakePayu([() => created()])
    await payu.createPayment(payu_.ctx, {
      ...input,
      customer: { ...input.customer, ipAddress: undefined, phoneNumber: '+48 225108001' },
      description: 'RTV market',
      items: [
        { name: 'Wireless mouse', unitPriceMinor: 1500, quantity: 2 },
        { name: 'HDMI cable', unitPriceMinor: 7000, quantity: 1 },
      ],
      paymentMethod: 'blik',
    })
    const body = JSON.parse(payu_.calls()[0]!.body)
    expect(body).toMatchObject({
      customerIp: '127.0.0.1',
      description: 'RTV market',
      buyer: { phone: '+48 225108001' },
      products: [
        { name: 'Wireless mouse', unitPrice: '1500', quantity: '2' },
        { name: 'HDMI cable', unitPrice: '7000', quantity: '1' },
      ],
      payMethods: { payMethod: { type: 'PBL', value: 'blik' } },
    })
  })

  it('leaves out the buyer’s empty fields, and the buyer when nothing is left', async () => {
    const payu_ = fakePayu([() => created()])
    await payu.createPayment(payu_.ctx, {
      ...input,
      customer: { name: 'Jan', surname: ' ', email: 'jan.kowalski@example.com' },
    })
    await payu.createPayment(payu_.ctx, {
      ...input,
      customer: { name: '', surname: '', email: '' },
    })
    const [some, none] = payu_.calls().map((r) => JSON.parse(r.body))
    expect(some.buyer).toEqual({ email: 'jan.kowalski@example.com', firstName: 'Jan' })
    expect(none).not.toHaveProperty('buyer')
  })

  it('takes a 200, 201 or 301 with a warning to continue as created too', async () => {
    for (const [status, statusCode] of [
      [201, 'WARNING_CONTINUE_3DS'],
      [200, 'WARNING_CONTINUE_REDIRECT'],
      [301, 'SUCCESS'],
    ] as const) {
      const payu_ = fakePayu([
        () => json(status, { status: { statusCode }, redirectUri: REDIRECT, orderId: ORDER_ID }),
      ])
      expect(await payu.createPayment(payu_.ctx, input)).toMatchObject({ kind: 'pending' })
    }
  })

  it('answers not_supported for card data, recurring, or an odd method, sending nothing', async () => {
    const payu_ = fakePayu([])
    const card = {
      holderName: 'J',
      number: '4444333322221111',
      expiryMonth: 1,
      expiryYear: 2030,
      cvv: '123',
    }
    for (const odd of [
      { card },
      { recurring: true },
      { paymentMethod: 'c;drop' },
      { returnUrl: undefined },
    ]) {
      expect(await payu.createPayment(payu_.ctx, { ...input, ...odd })).toEqual({
        kind: 'not_supported',
      })
    }
    expect(payu_.sent).toHaveLength(0)
  })

  it('declines with PayU’s description when PayU refuses the order', async () => {
    const payu_ = fakePayu([
      () =>
        payuError(400, 'ERROR_VALUE_INVALID', {
          code: '103',
          codeLiteral: 'ERROR_VALUE_INVALID',
          statusDesc: 'Invalid field value: totalAmount',
        }),
    ])
    expect(await payu.createPayment(payu_.ctx, input)).toEqual({
      kind: 'declined',
      declineCode: 'processing_error',
      message: 'Invalid field value: totalAmount (ERROR_VALUE_INVALID 103)',
      providerCode: 'ERROR_VALUE_INVALID ERROR_VALUE_INVALID',
    })
  })

  it('leaves the outcome open after a 5xx, a lost answer, or an extOrderId already taken', async () => {
    const failing = fakePayu([
      () => payuError(500, 'ERROR_INTERNAL', { statusDesc: 'Internal error' }),
    ])
    expect(await payu.createPayment(failing.ctx, input)).toEqual({
      kind: 'unknown',
      reason: 'http_500',
    })
    const lost = fakePayu([() => 'network_error'])
    expect(await payu.createPayment(lost.ctx, input)).toEqual({
      kind: 'unknown',
      reason: 'network_error',
    })
    const taken = fakePayu([() => payuError(400, 'ERROR_ORDER_NOT_UNIQUE')])
    expect(await payu.createPayment(taken.ctx, input)).toMatchObject({ kind: 'unknown' })
  })

  it('declines without creating anything when no token is issued, and never shows the secret', async () => {
    const payu_ = fakePayu(
      [() => json(401, { error: 'invalid_client', error_description: 'Bad client credentials' })],
      CONFIG,
      { issueTokens: false }
    )
    const outcome = await payu.createPayment(payu_.ctx, input)
    expect(outcome).toMatchObject({
      kind: 'declined',
      declineCode: 'processing_error',
      message: 'No access token, no order created: invalid_client: Bad client credentials',
    })
    expect(JSON.stringify(outcome)).not.toContain(CONFIG.clientSecret)
    expect(payu_.sent.map((r) => r.path)).toEqual(['/pl/standard/user/oauth/authorize'])
  })

  it('keeps the token as long as expires_in says, written as a number or a string', async () => {
    for (const expiresIn of [600, '600']) {
      const payu_ = fakePayu(
        [
          (r) =>
            r.path === '/pl/standard/user/oauth/authorize'
              ? json(200, { access_token: 'tok', token_type: 'bearer', expires_in: expiresIn })
              : created(),
        ],
        CONFIG,
        { issueTokens: false }
      )
      const kept: number[] = []
      const put = payu_.ctx.deps.tokens.put
      payu_.ctx.deps.tokens.put = (scope, token, seconds) => {
        kept.push(seconds)
        return put(scope, token, seconds)
      }
      expect(await payu.createPayment(payu_.ctx, input)).toMatchObject({ kind: 'pending' })
      expect(kept).toEqual([600])
    }
  })

  it('fetches a new token once when PayU refuses the cached one', async () => {
    let refused = false
    const payu_ = fakePayu([
      (r) => {
        if (!is('POST', '/api/v2_1/orders')(r)) return undefined
        if (!refused) {
          refused = true
          return payuError(401, 'UNAUTHORIZED', { statusDesc: 'Invalid access token' })
        }
        return created()
      },
    ])
    await payu_.tokens.put('client_credentials', 'revoked-token', 43199)
    expect(await payu.createPayment(payu_.ctx, input)).toMatchObject({ kind: 'pending' })
    expect(payu_.sent.map((r) => r.headers.authorization ?? 'token')).toEqual([
      'Bearer revoked-token',
      'token',
      'Bearer 3e5cac39-7e38-4139-8fd6-30adc06a61b1',
    ])
  })
})

describe('PayU status and return', () => {
  it('asks GET /api/v2_1/orders/{orderId} without a body and maps the order', async () => {
    const payu_ = fakePayu([() => retrieved({ status: 'COMPLETED' })])
    expect(await payu.getStatus(payu_.ctx, reference())).toEqual({
      kind: 'succeeded',
      status: 'successful',
      providerPaymentId: ORDER_ID,
      amountMinor: 10000,
      currency: 'PLN',
    })
    expect(payu_.calls()).toEqual([
      expect.objectContaining({ method: 'GET', path: `/api/v2_1/orders/${ORDER_ID}`, body: '' }),
    ])
  })

  it.each([
    ['NEW', { kind: 'pending', redirectUrl: '', providerPaymentId: ORDER_ID }],
    ['PENDING', { kind: 'pending', redirectUrl: '', providerPaymentId: ORDER_ID }],
    ['CANCELED', { kind: 'cancelled', providerPaymentId: ORDER_ID }],
    ['REJECTED', { kind: 'cancelled', providerPaymentId: ORDER_ID }],
  ])('maps an order %s', async (status, outcome) => {
    const payu_ = fakePayu([() => retrieved({ status })])
    expect(await payu.getStatus(payu_.ctx, reference())).toEqual(outcome)
  })

  it('reports WAITING_FOR_CONFIRMATION as an authorization of a capture: false payment', async () => {
    const payu_ = fakePayu([() => retrieved({ status: 'WAITING_FOR_CONFIRMATION' })])
    expect(await payu.getStatus(payu_.ctx, reference({ authorizeOnly: true }))).toEqual({
      kind: 'succeeded',
      status: 'authorized',
      providerPaymentId: ORDER_ID,
      amountMinor: 10000,
      currency: 'PLN',
      capturedMinor: 0,
    })
    expect(payu_.calls()).toHaveLength(1)
  })

  it('captures a waiting sale (a POS without auto-receive) and reports it paid', async () => {
    const payu_ = fakePayu([
      (r) => (r.method === 'GET' ? retrieved({ status: 'WAITING_FOR_CONFIRMATION' }) : updated()),
    ])
    expect(await payu.completeReturn(payu_.ctx, reference(), { error: '501' })).toMatchObject({
      kind: 'succeeded',
      status: 'successful',
    })
    const [, capture] = payu_.calls()
    expect(capture).toMatchObject({
      method: 'POST',
      path: `/api/v2_1/orders/${ORDER_ID}/captures`,
      body: '',
    })
  })

  it('leaves a waiting sale open when its capture gets no answer', async () => {
    const payu_ = fakePayu([
      (r) =>
        r.method === 'GET' ? retrieved({ status: 'WAITING_FOR_CONFIRMATION' }) : 'network_error',
    ])
    expect(await payu.getStatus(payu_.ctx, reference())).toMatchObject({ kind: 'unknown' })
  })

  it('cannot ask without PayU’s orderId, and never takes a failed query for a decline', async () => {
    const none = fakePayu([])
    expect(await payu.getStatus(none.ctx, reference({ providerPaymentId: null }))).toMatchObject({
      kind: 'unknown',
    })
    expect(none.sent).toHaveLength(0)
    const missing = fakePayu([() => payuError(404, 'DATA_NOT_FOUND')])
    expect(await payu.getStatus(missing.ctx, reference())).toEqual({
      kind: 'unknown',
      reason: 'http_404_DATA_NOT_FOUND',
    })
  })

  it('refuses an order that belongs to another payment', async () => {
    const payu_ = fakePayu([() => retrieved({ status: 'COMPLETED', extOrderId: 'pay_2' })])
    expect(await payu.getStatus(payu_.ctx, reference())).toMatchObject({ kind: 'unknown' })
  })
})
