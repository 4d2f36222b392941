import { describe, expect, it } from 'vitest'
import { toBase64, utf8 } from '../../crypto/encoding'
import { iyzicoProvider } from './adapter'
import { CLIENT_VERSION } from './client'
import {
  CONFIG,
  fails,
  fakeIyzico,
  input,
  ok,
  on,
  paidAnswer,
  type SentRequest,
  sdk,
  sdkJson,
  sign,
} from './testing'

const create = iyzicoProvider.createPayment

/** The header iyzipay-node would have written for this request. */
function sdkHeader(request: SentRequest) {
  return sdk.generateAuthorizationHeaderV2(
    'IYZWSv2',
    CONFIG.apiKey,
    ':',
    CONFIG.secretKey,
    request.path,
    JSON.parse(request.body),
    request.headers['x-iyzi-rnd']!
  )
}

describe('a card payment without 3-D Secure', () => {
  it('is sent to /payment/auth as iyzipay-node sends it, signed over the exact bytes', async () => {
    const iyzico = fakeIyzico([on('/payment/auth', () => paidAnswer())])
    const outcome = await create(iyzico.ctx, input())
    expect(outcome).toEqual({
      kind: 'succeeded',
      status: 'successful',
      providerPaymentId: '22416032',
      amountMinor: 10050,
      currency: 'TRY',
      capturedMinor: undefined,
    })
    const [sent] = iyzico.sent
    expect(sent!.method).toBe('POST')
    expect(sent!.headers['content-type']).toBe('application/json')
    expect(sent!.headers['x-iyzi-client-version']).toBe(CLIENT_VERSION)
    expect(sent!.headers.authorization).toBe(sdkHeader(sent!))
    // Same fields, order and price format as the SDK's request model.
    expect(sent!.body).toBe(sdkJson('payment', JSON.parse(sent!.body)))
    expect(JSON.parse(sent!.body)).toMatchObject({
      locale: 'tr',
      conversationId: 'pay_01TEST',
      price: '100.5',
      paidPrice: '100.5',
      installment: 1,
      paymentChannel: 'WEB',
      basketId: 'pay_01TEST',
      paymentGroup: 'PRODUCT',
      paymentCard: {
        cardHolderName: 'John Doe',
        cardNumber: '5528790000000008',
        expireYear: '2030',
        expireMonth: '03',
        cvc: '123',
      },
      buyer: {
        name: 'John',
        surname: 'Doe',
        email: 'john@example.com',
        identityNumber: '11111111111',
        ip: '127.0.0.1',
      },
      basketItems: [
        { id: 'pay_01TEST', price: '100.5', category1: 'General', itemType: 'VIRTUAL' },
      ],
      currency: 'TRY',
    })
    expect(JSON.parse(sent!.body)).not.toHaveProperty('callbackUrl')
  })

  it('authorizes only through /payment/preauth', async () => {
    const iyzico = fakeIyzico([on('/payment/preauth', () => paidAnswer({ phase: 'PRE_AUTH' }))])
    const outcome = await create(iyzico.ctx, input({ capture: false }))
    expect(outcome).toMatchObject({ kind: 'succeeded', status: 'authorized' })
    expect(iyzico.paths()).toEqual(['/payment/preauth'])
  })

  it('sends the merchant lines as the basket when they add up to the amount', async () => {
    const iyzico = fakeIyzico([on('/payment/auth', () => paidAnswer())])
    const items = [
      { id: 'A', name: 'Book', unitPriceMinor: 2525, quantity: 2 },
      { name: 'Pen', category: 'Office', unitPriceMinor: 5000, quantity: 1 },
    ]
    await create(iyzico.ctx, input({ items, orderId: 'order-7', description: 'Books' }))
    const body = JSON.parse(iyzico.sent[0]!.body)
    expect(body.basketId).toBe('order-7')
    expect(body.basketItems).toEqual([
      { id: 'A', price: '50.5', name: 'Book', category1: 'General', itemType: 'VIRTUAL' },
      { id: '2', price: '50.0', name: 'Pen', category1: 'Office', itemType: 'VIRTUAL' },
    ])
    await create(
      iyzico.ctx,
      input({ items: [items[0]!], orderId: 'order-8', description: 'Books' })
    )
    expect(JSON.parse(iyzico.sent[1]!.body).basketItems).toEqual([
      { id: 'order-8', price: '100.5', name: 'Books', category1: 'General', itemType: 'VIRTUAL' },
    ])
  })

  it("is declined with the bank's code mapped and iyzico's message", async () => {
    const iyzico = fakeIyzico([
      on('/payment/auth', () =>
        fails('10051', 'Kart limiti yetersiz, yetersiz bakiye', 'NOT_SUFFICIENT_FUNDS')
      ),
    ])
    expect(await create(iyzico.ctx, input())).toEqual({
      kind: 'declined',
      declineCode: 'insufficient_funds',
      message: 'Kart limiti yetersiz, yetersiz bakiye',
      providerCode: '10051',
      providerPaymentId: undefined,
    })
  })

  it('reads a refusal answered with HTTP 400 as the request error it is, not as unknown', async () => {
    const refused = () =>
      fails(
        '5062',
        'Gönderilen tutar tüm kırılımların toplam tutarına eşit olmalıdır',
        undefined,
        400
      )
    const iyzico = fakeIyzico([on('/payment/auth', refused)])
    expect(await create(iyzico.ctx, input())).toMatchObject({
      kind: 'declined',
      declineCode: 'processing_error',
      providerCode: '5062',
    })
  })

  it('is declined when iyzico writes its error code as a JSON number', async () => {
    const numeric = () =>
      fails(10051, 'Kart limiti yetersiz, yetersiz bakiye', 'NOT_SUFFICIENT_FUNDS')
    const iyzico = fakeIyzico([on('/payment/auth', numeric)])
    expect(await create(iyzico.ctx, input())).toMatchObject({
      kind: 'declined',
      declineCode: 'insufficient_funds',
      providerCode: '10051',
    })
  })

  it("is a processing error to try again when iyzico's rate limit refuses it", async () => {
    const limited = {
      body: {
        status: 'failure',
        errorCode: 50000,
        errorMessage: 'Request Limit Exceeded',
        locale: 'en',
      },
    }
    const iyzico = fakeIyzico([on('/payment/auth', () => limited)])
    expect(await create(iyzico.ctx, input())).toMatchObject({
      kind: 'declined',
      declineCode: 'processing_error',
      message: 'Request Limit Exceeded',
      providerCode: '50000',
    })
  })

  it('reads counts written as text (installment, fraudStatus)', async () => {
    const iyzico = fakeIyzico([
      on('/payment/auth', () => paidAnswer({ installment: '1', fraudStatus: '1' })),
    ])
    expect(await create(iyzico.ctx, input())).toMatchObject({ kind: 'succeeded' })
  })

  it('is unknown, never declined, after a 5xx, a lost connection or an answer that does not verify', async () => {
    const cases = [
      on('/payment/auth', () => ({ status: 500, body: { status: 'failure', errorCode: '1' } })),
      on('/payment/auth', () => 'network_error'),
      on('/payment/auth', async () => paidAnswer({ signature: await sign(['forged']) })),
      on('/payment/auth', () => paidAnswer({ conversationId: 'pay_someone_else' })),
    ]
    for (const route of cases) {
      const outcome = await create(fakeIyzico([route]).ctx, input())
      expect(outcome.kind).toBe('unknown')
    }
  })

  it('is believed without a signature, which older iyzico accounts do not get', async () => {
    const iyzico = fakeIyzico([
      on('/payment/auth', () =>
        ok({ paymentId: '1', price: 100.5, paidPrice: 100.5, currency: 'TRY', phase: 'AUTH' })
      ),
    ])
    expect(await create(iyzico.ctx, input())).toMatchObject({
      kind: 'succeeded',
      providerPaymentId: '1',
    })
  })
})

describe('a card payment with 3-D Secure', () => {
  const bankPage =
    '<form action="https://bank.example/acs" method="post"><input name="PaReq" value="abc"></form>'
  const initialized = async (html = bankPage, paymentId = '22416099') =>
    ok({
      conversationId: 'pay_01TEST',
      threeDSHtmlContent: toBase64(utf8(html)),
      paymentId,
      signature: await sign([paymentId, 'pay_01TEST']),
    })

  it("shows iyzico's decoded bank page and tells iyzico where the bank returns", async () => {
    const iyzico = fakeIyzico([on('/payment/3dsecure/initialize', () => initialized())])
    const outcome = await create(iyzico.ctx, input({ threeDS: true }))
    expect(outcome).toEqual({
      kind: 'pending',
      redirectUrl: '',
      page: { kind: 'html', html: bankPage },
      providerPaymentId: '22416099',
    })
    const body = JSON.parse(iyzico.sent[0]!.body)
    expect(body.callbackUrl).toBe('https://gateway.test/v1/callback/iyzico?state=st4te')
    expect(iyzico.sent[0]!.body).toBe(sdkJson('payment', body))
  })

  it('authorizes only through /payment/3dsecure/initialize/preauth', async () => {
    const iyzico = fakeIyzico([on('/payment/3dsecure/initialize/preauth', () => initialized())])
    expect(await create(iyzico.ctx, input({ threeDS: true, capture: false }))).toMatchObject({
      kind: 'pending',
    })
  })

  it('sends the shopper to threeDsRedirectionUrl when iyzico answers with a URL instead of a page', async () => {
    const url = 'https://sandbox-api.iyzipay.com/payment/3ds/redirect?id=abc'
    const answer = ok({
      conversationId: 'pay_01TEST',
      paymentId: '22416099',
      threeDsRedirectionUrl: url,
      signature: await sign(['22416099', 'pay_01TEST']),
    })
    const iyzico = fakeIyzico([on('/payment/3dsecure/initialize', () => answer)])
    expect(await create(iyzico.ctx, input({ threeDS: true }))).toEqual({
      kind: 'pending',
      redirectUrl: url,
      providerPaymentId: '22416099',
    })
  })

  it('does not believe an initialize answer whose signature does not hold', async () => {
    const answer = ok({
      conversationId: 'pay_01TEST',
      threeDSHtmlContent: toBase64(utf8(bankPage)),
      paymentId: '1',
      signature: 'ab'.repeat(32),
    })
    const iyzico = fakeIyzico([on('/payment/3dsecure/initialize', () => answer)])
    expect((await create(iyzico.ctx, input({ threeDS: true }))).kind).toBe('unknown')
  })
})

describe('a payment without card data', () => {
  const formAnswer = async () =>
    ok({
      conversationId: 'pay_01TEST',
      token: 'e828c62d-fd12-4b1a-ad5a-380f15fe6596',
      checkoutFormContent: '<script></script>',
      tokenExpireTime: 1800,
      paymentPageUrl:
        'https://sandbox-cpp.iyzipay.com?token=e828c62d-fd12-4b1a-ad5a-380f15fe6596&lang=tr',
      signature: await sign(['pay_01TEST', 'e828c62d-fd12-4b1a-ad5a-380f15fe6596']),
    })

  it("opens iyzico's checkout form and sends the shopper to its page", async () => {
    const iyzico = fakeIyzico([
      on('/payment/iyzipos/checkoutform/initialize/auth/ecom', formAnswer),
    ])
    const outcome = await create(iyzico.ctx, input({ card: undefined, installmentCount: 3 }))
    expect(outcome).toEqual({
      kind: 'pending',
      redirectUrl:
        'https://sandbox-cpp.iyzipay.com?token=e828c62d-fd12-4b1a-ad5a-380f15fe6596&lang=tr',
      providerPaymentId: 'e828c62d-fd12-4b1a-ad5a-380f15fe6596',
    })
    const body = JSON.parse(iyzico.sent[0]!.body)
    expect(iyzico.sent[0]!.body).toBe(sdkJson('checkoutForm', body))
    expect(body).toMatchObject({ price: '100.5', paidPrice: '100.5', enabledInstallments: [3] })
    expect(body).not.toHaveProperty('paymentCard')
  })

  it('reads tokenExpireTime written as text', async () => {
    const answer = async () => {
      const { body } = (await formAnswer()) as { body: Record<string, unknown> }
      return { body: { ...body, tokenExpireTime: '1800' } }
    }
    const iyzico = fakeIyzico([on('/payment/iyzipos/checkoutform/initialize/auth/ecom', answer)])
    expect(await create(iyzico.ctx, input({ card: undefined }))).toMatchObject({ kind: 'pending' })
  })

  it('authorizes only through the pre-authorization form', async () => {
    const iyzico = fakeIyzico([
      on('/payment/iyzipos/checkoutform/initialize/preauth/ecom', formAnswer),
    ])
    expect(await create(iyzico.ctx, input({ card: undefined, capture: false }))).toMatchObject({
      kind: 'pending',
    })
  })
})

describe('what iyzico does not offer', () => {
  it('answers not_supported for recurring charges, other currencies and other methods', async () => {
    const { ctx, sent } = fakeIyzico([])
    expect(await create(ctx, input({ recurring: true }))).toEqual({ kind: 'not_supported' })
    expect(await create(ctx, input({ currency: 'CZK' }))).toEqual({ kind: 'not_supported' })
    expect(await create(ctx, input({ card: undefined, paymentMethod: 'bkm_express' }))).toEqual({
      kind: 'not_supported',
    })
    expect(await iyzicoProvider.chargeRecurring(ctx, {} as never, {} as never)).toEqual({
      kind: 'not_supported',
    })
    expect(sent).toHaveLength(0)
  })
})
