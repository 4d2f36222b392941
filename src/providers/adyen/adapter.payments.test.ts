import { describe, expect, it } from 'vitest'
import { recordingFetch } from '../call-log'
import type { CreatePaymentInput } from '../types'
import { adyenLiveBaseUrl, adyenProvider } from './adapter'
import { TEST_CONFIG, testContext } from './test-context'

const RETURN_URL = 'https://gateway.example.com/v1/callback/adyen?state=st_123'

const cardPayment = (overrides: Partial<CreatePaymentInput> = {}): CreatePaymentInput => ({
  paymentId: 'pay_01JF4M0000000000000000000A',
  amountMinor: 2500,
  currency: 'EUR',
  card: {
    holderName: 'Jan Novak',
    number: '5555555555554444',
    expiryMonth: 3,
    expiryYear: 2030,
    cvv: '737',
  },
  threeDS: false,
  capture: true,
  recurring: false,
  customer: { name: 'Jan', surname: 'Novak', email: 'jan@example.com', ipAddress: '203.0.113.7' },
  ...overrides,
})

const authorised = {
  status: 200,
  body: {
    pspReference: 'QFQTPCQ8HXSKGK82',
    resultCode: 'Authorised',
    merchantReference: 'pay_01JF4M0000000000000000000A',
    amount: { value: 2500, currency: 'EUR' },
  },
}

describe('Adyen card payments', () => {
  it('posts raw card data to /payments with the API key and the payment id as Idempotency-Key', async () => {
    const { ctx, requests } = testContext([authorised])
    const outcome = await adyenProvider.createPayment(ctx, cardPayment({ returnUrl: RETURN_URL }))
    expect(outcome).toMatchObject({
      kind: 'succeeded',
      status: 'successful',
      providerPaymentId: 'QFQTPCQ8HXSKGK82',
      amountMinor: 2500,
    })
    const [request] = requests
    expect(request!.method).toBe('POST')
    expect(request!.url.href).toBe('https://checkout-test.adyen.com/v71/payments')
    expect(request!.headers.get('X-API-Key')).toBe(TEST_CONFIG.apiKey)
    expect(request!.headers.get('Idempotency-Key')).toBe('pay_01JF4M0000000000000000000A')
    expect(request!.headers.get('Content-Type')).toBe('application/json')
    expect(request!.body).toMatchObject({
      merchantAccount: 'GoPayEdgeECOM',
      reference: 'pay_01JF4M0000000000000000000A',
      amount: { value: 2500, currency: 'EUR' },
      paymentMethod: {
        type: 'scheme',
        number: '5555555555554444',
        expiryMonth: '03',
        expiryYear: '2030',
        cvc: '737',
        holderName: 'Jan Novak',
      },
      returnUrl: RETURN_URL,
      channel: 'Web',
      shopperInteraction: 'Ecommerce',
      shopperEmail: 'jan@example.com',
      shopperIP: '203.0.113.7',
      shopperName: { firstName: 'Jan', lastName: 'Novak' },
      redirectToIssuerMethod: 'GET',
      redirectFromIssuerMethod: 'GET',
      authenticationData: { threeDSRequestData: { nativeThreeDS: 'disabled' } },
    })
    expect(request!.body).not.toHaveProperty('additionalData')
    expect(request!.body).not.toHaveProperty('storePaymentMethod')
  })

  it('asks for 3-D Secure with use3D and answers pending with Adyen’s GET redirect', async () => {
    const action = {
      paymentMethodType: 'scheme',
      url: 'https://checkoutshopper-test.adyen.com/checkoutshopper/threeDS/redirect?MD=abc',
      method: 'GET',
      type: 'redirect',
    }
    const { ctx, requests } = testContext([
      { status: 200, body: { resultCode: 'RedirectShopper', action } },
    ])
    const outcome = await adyenProvider.createPayment(
      ctx,
      cardPayment({ threeDS: true, returnUrl: RETURN_URL })
    )
    expect(outcome).toEqual({ kind: 'pending', redirectUrl: action.url, providerPaymentId: null })
    expect(requests[0]!.body!.authenticationData).toEqual({
      attemptAuthentication: 'always',
      threeDSRequestData: { nativeThreeDS: 'disabled' },
    })
  })

  it('switches 3-D Secure off when the merchant gave no callback, and still sends a returnUrl', async () => {
    const { ctx, requests } = testContext([authorised])
    await adyenProvider.createPayment(ctx, cardPayment())
    expect(requests[0]!.body!.authenticationData).toMatchObject({ attemptAuthentication: 'never' })
    expect(requests[0]!.body!.returnUrl).toBe('https://gateway.example.com/v1/callback/adyen')
  })

  it('asks for manual capture with capture: false and answers authorized', async () => {
    const { ctx, requests } = testContext([authorised])
    const outcome = await adyenProvider.createPayment(ctx, cardPayment({ capture: false }))
    expect(outcome).toMatchObject({ kind: 'succeeded', status: 'authorized' })
    expect(requests[0]!.body).toMatchObject({
      additionalData: { manualCapture: 'true' },
      metadata: { captureMode: 'manual' },
    })
  })

  it('stores the card for recurring charges and returns the token Adyen names', async () => {
    const body = {
      ...authorised.body,
      additionalData: {
        'tokenization.storedPaymentMethodId': 'M5N7TQ4TG5PFWR50',
        'tokenization.shopperReference': 'pay_01JF4M0000000000000000000A',
      },
    }
    const { ctx, requests } = testContext([{ status: 200, body }])
    const outcome = await adyenProvider.createPayment(ctx, cardPayment({ recurring: true }))
    expect(requests[0]!.body).toMatchObject({
      storePaymentMethod: true,
      shopperReference: 'pay_01JF4M0000000000000000000A',
      recurringProcessingModel: 'UnscheduledCardOnFile',
      shopperInteraction: 'Ecommerce',
    })
    expect(outcome.kind === 'succeeded' && JSON.parse(outcome.recurringToken!)).toEqual({
      storedPaymentMethodId: 'M5N7TQ4TG5PFWR50',
      shopperReference: 'pay_01JF4M0000000000000000000A',
      type: 'scheme',
    })
  })

  it.each([
    ['12', 'Not enough balance', 'insufficient_funds'],
    ['2', 'Refused', 'card_declined'],
    ['6', 'Expired Card', 'expired_card'],
    ['24', 'CVC Declined', 'incorrect_cvc'],
    ['20', 'FRAUD', 'fraud_suspected'],
  ])('declines refusal %s (%s) as %s', async (code, reason, declineCode) => {
    const { ctx } = testContext([
      {
        status: 200,
        body: {
          pspReference: 'PSP1',
          resultCode: 'Refused',
          refusalReason: reason,
          refusalReasonCode: code,
        },
      },
    ])
    expect(await adyenProvider.createPayment(ctx, cardPayment())).toMatchObject({
      kind: 'declined',
      declineCode,
      providerCode: code,
      providerPaymentId: 'PSP1',
    })
  })

  it('leaves a 5xx, a network error and an awaited result unknown, never declined', async () => {
    for (const answer of [
      {
        status: 500,
        body: { status: 500, errorCode: '000', message: 'Internal error', errorType: 'internal' },
      },
      'network_error' as const,
      { status: 200, body: { resultCode: 'Received', pspReference: 'P' } },
    ]) {
      const { ctx } = testContext([answer])
      expect((await adyenProvider.createPayment(ctx, cardPayment())).kind).toBe('unknown')
    }
  })

  it('leaves a duplicate of a request still in progress (704, HTTP 409 or 422) unknown, never declined', async () => {
    const inProgress = (status: number) => ({
      status,
      body: {
        status,
        errorCode: '704',
        message: 'request already processed or in progress',
        errorType: 'validation',
      },
    })
    for (const answer of [inProgress(409), inProgress(422)]) {
      const { ctx } = testContext([answer])
      expect(await adyenProvider.createPayment(ctx, cardPayment())).toEqual({
        kind: 'unknown',
        reason: 'adyen_704_request_in_progress',
      })
    }
  })

  it('reads an RFC 7807 error and a refusal code sent as a number', async () => {
    const { ctx } = testContext([
      {
        status: 422,
        body: {
          status: 422,
          errorCode: 130,
          title: 'Validation error',
          detail: 'Reference Missing',
        },
      },
      {
        status: 200,
        body: { pspReference: 'PSP2', resultCode: 'Refused', refusalReasonCode: 24 },
      },
    ])
    expect(await adyenProvider.createPayment(ctx, cardPayment())).toMatchObject({
      kind: 'declined',
      providerCode: '130',
      message: 'Adyen answered 422 (130): Reference Missing',
    })
    expect(await adyenProvider.createPayment(ctx, cardPayment())).toMatchObject({
      kind: 'declined',
      declineCode: 'incorrect_cvc',
      providerCode: '24',
    })
  })

  it('declines a validation error with Adyen’s error code and keeps the API key out of the message', async () => {
    const { ctx } = testContext([
      {
        status: 401,
        body: {
          status: 401,
          errorCode: '000',
          message: 'HTTP Status Response - Unauthorized',
          errorType: 'security',
        },
      },
    ])
    const outcome = await adyenProvider.createPayment(ctx, cardPayment())
    expect(outcome).toMatchObject({
      kind: 'declined',
      declineCode: 'processing_error',
      providerCode: '000',
    })
    expect(JSON.stringify(outcome)).not.toContain(TEST_CONFIG.apiKey)
  })

  it('refuses native 3-D Secure 2 actions it cannot hand to a browser', async () => {
    const { ctx } = testContext([
      {
        status: 200,
        body: {
          resultCode: 'IdentifyShopper',
          action: { type: 'threeDS2', subtype: 'fingerprint', token: 'x' },
        },
      },
    ])
    expect(await adyenProvider.createPayment(ctx, cardPayment())).toMatchObject({
      kind: 'declined',
      declineCode: 'processing_error',
    })
  })
})

describe('what the provider log keeps of an Adyen call', () => {
  it('keeps neither the card number, the CVC nor a credential', async () => {
    const { ctx } = testContext([authorised])
    const recorder = recordingFetch(ctx.deps.fetch, Object.values(TEST_CONFIG), ctx.deps.now)
    await adyenProvider.createPayment(
      { ...ctx, deps: { ...ctx.deps, fetch: recorder.fetch } },
      cardPayment()
    )
    const logged = JSON.stringify(recorder.calls)
    expect(logged).not.toContain('5555555555554444')
    expect(logged).toContain('555555******4444')
    expect(logged).not.toMatch(/"cvc":"737"/)
    expect(logged).not.toContain(TEST_CONFIG.apiKey)
    expect(logged).not.toContain(TEST_CONFIG.merchantAccount)
  })
})

describe('Adyen endpoints', () => {
  it('builds the live base URL from the company prefix, with /checkout', () => {
    expect(
      adyenProvider.baseUrlFor!('production', {
        liveEndpointUrlPrefix: '1797a841fbb37ca7-AdyenDemo',
      })
    ).toBe('https://1797a841fbb37ca7-AdyenDemo-checkout-live.adyenpayments.com/checkout/v71')
    expect(adyenLiveBaseUrl('abc')).toBe('https://abc-checkout-live.adyenpayments.com/checkout/v71')
    expect(adyenProvider.baseUrlFor!('test', { liveEndpointUrlPrefix: 'abc' })).toBeUndefined()
    expect(adyenProvider.baseUrls.test).toBe('https://checkout-test.adyen.com/v71')
  })

  it('sends nothing to production without a live prefix', async () => {
    const { ctx, requests } = testContext([], { environment: 'production', baseUrl: '' })
    expect(await adyenProvider.createPayment(ctx, cardPayment())).toMatchObject({
      kind: 'declined',
      declineCode: 'processing_error',
    })
    expect(requests).toHaveLength(0)
  })

  it('has no status API', async () => {
    const { ctx } = testContext([])
    const payment = {
      paymentId: 'pay_1',
      providerPaymentId: 'P',
      amountMinor: 1,
      currency: 'EUR',
      capturedMinor: 0,
      refundedMinor: 0,
      authorizeOnly: false,
    }
    expect(await adyenProvider.getStatus(ctx, payment)).toEqual({ kind: 'not_supported' })
  })
})
