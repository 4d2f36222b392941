import { describe, expect, it } from 'vitest'
import type { CreatePaymentInput, PaymentReference, RecurringParent } from '../types'
import { adyenProvider } from './adapter'
import { idempotencyKeyOf } from './requests'
import { testContext } from './test-context'

const payment: PaymentReference = {
  paymentId: 'pay_01JF4M0000000000000000000B',
  providerPaymentId: 'QFQTPCQ8HXSKGK82',
  amountMinor: 2500,
  currency: 'EUR',
  capturedMinor: 0,
  refundedMinor: 0,
  authorizeOnly: false,
}

const received = (pspReference: string) => ({
  status: 201,
  body: {
    merchantAccount: 'GoPayEdgeECOM',
    paymentPspReference: 'QFQTPCQ8HXSKGK82',
    pspReference,
    status: 'received',
  },
})

const wallet = (overrides: Partial<CreatePaymentInput> = {}): CreatePaymentInput => ({
  paymentId: 'pay_01JF4M0000000000000000000W',
  amountMinor: 15_000_000,
  currency: 'IDR',
  threeDS: false,
  capture: true,
  recurring: false,
  returnUrl: 'https://gateway.example.com/v1/callback/adyen?state=st_1',
  customer: { name: 'Siti', surname: 'Rahma', email: 'siti@example.com' },
  items: [{ id: 'sku-1', name: 'Kopi', category: 'food', unitPriceMinor: 5_000_000, quantity: 3 }],
  ...overrides,
})

describe('GoPay through Adyen', () => {
  it('posts gopay_wallet in whole rupiah with line items and answers the redirect', async () => {
    const action = {
      paymentMethodType: 'gopay_wallet',
      method: 'GET',
      url: 'https://checkoutshopper-test.adyen.com/checkoutshopper/checkoutPaymentRedirect?redirectData=X',
      type: 'redirect',
    }
    const { ctx, requests } = testContext([
      { status: 200, body: { resultCode: 'RedirectShopper', action } },
    ])
    expect(await adyenProvider.createPayment(ctx, wallet())).toEqual({
      kind: 'pending',
      redirectUrl: action.url,
      providerPaymentId: null,
    })
    expect(requests[0]!.body).toMatchObject({
      amount: { value: 150_000, currency: 'IDR' },
      paymentMethod: { type: 'gopay_wallet' },
      countryCode: 'ID',
      channel: 'Web',
      lineItems: [
        {
          id: 'sku-1',
          description: 'Kopi',
          quantity: 3,
          amountIncludingTax: 50_000,
          itemCategory: 'food',
        },
      ],
    })
    expect(requests[0]!.body).not.toHaveProperty('authenticationData')
  })

  it('stores the wallet as a Subscription for recurring charges', async () => {
    const { ctx, requests } = testContext([
      {
        status: 200,
        body: {
          resultCode: 'RedirectShopper',
          action: { type: 'redirect', url: 'https://x.test/r', method: 'GET' },
        },
      },
    ])
    await adyenProvider.createPayment(
      ctx,
      wallet({ recurring: true, items: undefined, description: 'Langganan' })
    )
    expect(requests[0]!.body).toMatchObject({
      storePaymentMethod: true,
      shopperReference: 'pay_01JF4M0000000000000000000W',
      recurringProcessingModel: 'Subscription',
      lineItems: [{ description: 'Langganan', quantity: 1, amountIncludingTax: 150_000 }],
    })
  })

  it('does not offer other methods, other currencies or rupiah fractions', async () => {
    const { ctx, requests } = testContext([])
    expect(await adyenProvider.createPayment(ctx, wallet({ paymentMethod: 'ideal' }))).toEqual({
      kind: 'not_supported',
    })
    expect(
      await adyenProvider.createPayment(ctx, wallet({ currency: 'EUR', amountMinor: 100 }))
    ).toEqual({ kind: 'not_supported' })
    expect(await adyenProvider.createPayment(ctx, wallet({ amountMinor: 15_000_050 }))).toEqual({
      kind: 'not_supported',
    })
    expect(requests).toHaveLength(0)
  })
})

describe('return from the redirect', () => {
  const pending = { ...payment, providerPaymentId: null }

  it('posts the redirectResult to /payments/details under a stable Idempotency-Key', async () => {
    const { ctx, requests } = testContext([
      {
        status: 200,
        body: {
          pspReference: 'PSPD',
          resultCode: 'Authorised',
          merchantReference: pending.paymentId,
        },
      },
    ])
    const outcome = await adyenProvider.completeReturn(ctx, pending, {
      redirectResult: 'X3XtfGC9!H4sIAAAA',
    })
    expect(outcome).toMatchObject({
      kind: 'succeeded',
      status: 'successful',
      providerPaymentId: 'PSPD',
    })
    expect(requests[0]!.url.href).toBe('https://checkout-test.adyen.com/v71/payments/details')
    expect(requests[0]!.body).toEqual({ details: { redirectResult: 'X3XtfGC9!H4sIAAAA' } })
    expect(requests[0]!.headers.get('Idempotency-Key')).toBe(`${pending.paymentId}:details`)
  })

  it('reports an Authorised return of a capture: false payment as authorized, without Adyen echoing it', async () => {
    const { ctx } = testContext([
      { status: 200, body: { pspReference: 'PSPA', resultCode: 'Authorised' } },
    ])
    const outcome = await adyenProvider.completeReturn(
      ctx,
      { ...pending, authorizeOnly: true },
      { redirectResult: 'r' }
    )
    expect(outcome).toMatchObject({ kind: 'succeeded', status: 'authorized' })
  })

  it('passes a payload, or the 3-D Secure 1 MD and PaRes of a POST return, when there is no redirectResult', async () => {
    const answer = { status: 200, body: { pspReference: 'PSPD', resultCode: 'Authorised' } }
    const { ctx, requests } = testContext([answer, answer])
    await adyenProvider.completeReturn(ctx, pending, { payload: 'Ab02b4c0!BQABAgA' })
    await adyenProvider.completeReturn(ctx, pending, { MD: 'md', PaRes: 'pares' })
    expect(requests.map((r) => r.body)).toEqual([
      { details: { payload: 'Ab02b4c0!BQABAgA' } },
      { details: { MD: 'md', PaRes: 'pares' } },
    ])
  })

  it('keeps a wallet stored at the return as gopay_wallet, named in additionalData only', async () => {
    const { ctx } = testContext([
      {
        status: 200,
        body: {
          pspReference: 'PSPW',
          resultCode: 'Authorised',
          additionalData: {
            paymentMethod: 'gopay_wallet',
            'tokenization.storedPaymentMethodId': 'GPW1',
          },
        },
      },
    ])
    const outcome = await adyenProvider.completeReturn(ctx, pending, { redirectResult: 'r' })
    expect(outcome).toMatchObject({ kind: 'succeeded' })
    const token = outcome.kind === 'succeeded' ? outcome.recurringToken : undefined
    expect(JSON.parse(token ?? '{}')).toEqual({
      storedPaymentMethodId: 'GPW1',
      shopperReference: pending.paymentId,
      type: 'gopay_wallet',
    })
  })

  it('keeps a manual-capture payment authorized when Adyen echoes its metadata', async () => {
    const { ctx } = testContext([
      {
        status: 200,
        body: {
          pspReference: 'PSPD',
          resultCode: 'Authorised',
          additionalData: { 'metadata.captureMode': 'manual' },
        },
      },
    ])
    expect(await adyenProvider.completeReturn(ctx, pending, { redirectResult: 'r' })).toMatchObject(
      { status: 'authorized' }
    )
  })

  it('trusts neither a missing redirectResult nor one of another payment', async () => {
    const { ctx } = testContext([
      {
        status: 200,
        body: { pspReference: 'PSPD', resultCode: 'Authorised', merchantReference: 'pay_other' },
      },
    ])
    expect(await adyenProvider.completeReturn(ctx, pending, {})).toMatchObject({ kind: 'unknown' })
    expect(await adyenProvider.completeReturn(ctx, pending, { redirectResult: 'r' })).toMatchObject(
      { kind: 'unknown' }
    )
    const known = { ...pending, providerPaymentId: 'PSP_OF_THIS_ONE' }
    const other = testContext([
      { status: 200, body: { pspReference: 'PSP_OF_ANOTHER', resultCode: 'Authorised' } },
    ])
    expect(
      await adyenProvider.completeReturn(other.ctx, known, { redirectResult: 'r' })
    ).toMatchObject({ kind: 'unknown' })
  })

  it('leaves the payment to its webhook when Adyen refuses the details call', async () => {
    const { ctx } = testContext([
      {
        status: 422,
        body: {
          status: 422,
          errorCode: '14_018',
          message: 'Invalid payload provided',
          errorType: 'validation',
        },
      },
      { status: 401, body: { status: 401, errorCode: '000', errorType: 'security' } },
    ])
    for (let i = 0; i < 2; i++) {
      expect(
        await adyenProvider.completeReturn(ctx, pending, { redirectResult: 'r' })
      ).toMatchObject({ kind: 'unknown' })
    }
  })

  it('fails a payment whose shopper failed authentication', async () => {
    const { ctx } = testContext([
      {
        status: 200,
        body: {
          pspReference: 'PSPD',
          resultCode: 'Refused',
          refusalReason: '3D Not Authenticated',
          refusalReasonCode: '11',
        },
      },
    ])
    expect(await adyenProvider.completeReturn(ctx, pending, { redirectResult: 'r' })).toMatchObject(
      { kind: 'declined', declineCode: 'authentication_failed' }
    )
  })
})

describe('captures, cancels and refunds', () => {
  it('captures on /payments/{pspReference}/captures, partially, and is accepted', async () => {
    const { ctx, requests } = testContext([received('CAPT1')])
    expect(await adyenProvider.capture(ctx, payment, 1200)).toEqual({
      kind: 'accepted',
      providerReference: 'CAPT1',
    })
    expect(requests[0]!.url.pathname).toBe('/v71/payments/QFQTPCQ8HXSKGK82/captures')
    expect(requests[0]!.body).toEqual({
      merchantAccount: 'GoPayEdgeECOM',
      amount: { value: 1200, currency: 'EUR' },
      reference: payment.paymentId,
    })
    expect(requests[0]!.headers.get('Idempotency-Key')).toBe(`${payment.paymentId}:capture:1200`)
  })

  it('cancels on /payments/{pspReference}/cancels', async () => {
    const { ctx, requests } = testContext([received('CANC1')])
    expect(await adyenProvider.cancel(ctx, payment)).toEqual({
      kind: 'accepted',
      providerReference: 'CANC1',
    })
    expect(requests[0]!.url.pathname).toBe('/v71/payments/QFQTPCQ8HXSKGK82/cancels')
    expect(requests[0]!.body).toEqual({
      merchantAccount: 'GoPayEdgeECOM',
      reference: payment.paymentId,
    })
    expect(requests[0]!.headers.get('Idempotency-Key')).toBe(`${payment.paymentId}:cancel`)
  })

  it('refunds with the refund id as reference and Idempotency-Key, the same on a retry', async () => {
    const { ctx, requests } = testContext([received('REF1'), received('REF1')])
    const refund = { refundId: 're_01JF4M000000000000000000R1', amountMinor: 700, retry: false }
    expect(await adyenProvider.refund(ctx, payment, refund)).toEqual({
      kind: 'accepted',
      providerReference: 'REF1',
    })
    await adyenProvider.refund(ctx, payment, { ...refund, retry: true })
    expect(requests[0]!.url.pathname).toBe('/v71/payments/QFQTPCQ8HXSKGK82/refunds')
    expect(requests[0]!.body).toEqual({
      merchantAccount: 'GoPayEdgeECOM',
      amount: { value: 700, currency: 'EUR' },
      reference: refund.refundId,
    })
    expect(requests.map((r) => r.headers.get('Idempotency-Key'))).toEqual([
      refund.refundId,
      refund.refundId,
    ])
  })

  it('reports a refused modification and leaves a lost one unknown', async () => {
    const refusal = {
      status: 422,
      body: {
        status: 422,
        errorCode: '137',
        message: 'Invalid amount specified',
        errorType: 'validation',
      },
    }
    const { ctx } = testContext([refusal, 'network_error'])
    expect(await adyenProvider.capture(ctx, payment, 99_999)).toMatchObject({
      kind: 'rejected',
      providerCode: '137',
    })
    expect(await adyenProvider.cancel(ctx, payment)).toMatchObject({ kind: 'unknown' })
  })

  it('leaves a modification still in progress under its Idempotency-Key unknown (704)', async () => {
    const { ctx } = testContext([
      {
        status: 422,
        body: {
          status: 422,
          errorCode: '704',
          message: 'request already processed or in progress',
        },
      },
      { status: 409, body: 'Conflict' },
    ])
    const refund = { refundId: 're_01JF4M000000000000000000R2', amountMinor: 700, retry: true }
    expect(await adyenProvider.refund(ctx, payment, refund)).toMatchObject({ kind: 'unknown' })
    expect(await adyenProvider.capture(ctx, payment, 2500)).toMatchObject({ kind: 'unknown' })
  })

  it('keeps every Idempotency-Key within Adyen’s 64 characters', () => {
    const paymentId = 'pay_01JF4M0000000000000000000B'
    const keys = [
      idempotencyKeyOf.create(paymentId),
      idempotencyKeyOf.details(paymentId),
      idempotencyKeyOf.capture(paymentId, 1_000_000_000_000),
      idempotencyKeyOf.cancel(paymentId),
      idempotencyKeyOf.refund('re_01JF4M000000000000000000R1'),
      idempotencyKeyOf.recurring(paymentId),
    ]
    for (const key of keys) expect(key.length).toBeLessThanOrEqual(64)
  })

  it('cannot modify a payment Adyen has not named yet', async () => {
    const { ctx, requests } = testContext([])
    expect(await adyenProvider.cancel(ctx, { ...payment, providerPaymentId: null })).toMatchObject({
      kind: 'rejected',
    })
    expect(requests).toHaveLength(0)
  })
})

describe('recurring charges', () => {
  const token = JSON.stringify({
    storedPaymentMethodId: 'M5N7TQ4TG5PFWR50',
    shopperReference: payment.paymentId,
    type: 'scheme',
  })
  const parent: RecurringParent = {
    ...payment,
    recurringToken: token,
    customerEmail: 'jan@example.com',
  }

  it('charges the stored method as ContAuth under the child payment id', async () => {
    const { ctx, requests } = testContext([
      { status: 200, body: { pspReference: 'CHILD1', resultCode: 'Authorised' } },
    ])
    const outcome = await adyenProvider.chargeRecurring(ctx, parent, {
      paymentId: 'pay_child',
      amountMinor: 2500,
      currency: 'EUR',
    })
    expect(outcome).toMatchObject({
      kind: 'succeeded',
      status: 'successful',
      providerPaymentId: 'CHILD1',
    })
    expect(requests[0]!.headers.get('Idempotency-Key')).toBe('pay_child')
    expect(requests[0]!.body).toMatchObject({
      reference: 'pay_child',
      amount: { value: 2500, currency: 'EUR' },
      paymentMethod: { type: 'scheme', storedPaymentMethodId: 'M5N7TQ4TG5PFWR50' },
      shopperReference: payment.paymentId,
      shopperInteraction: 'ContAuth',
      recurringProcessingModel: 'UnscheduledCardOnFile',
    })
  })

  it('charges a stored GoPay wallet as a Subscription in IDR', async () => {
    const walletToken = JSON.stringify({
      storedPaymentMethodId: 'GP1',
      shopperReference: 'pay_w',
      type: 'gopay_wallet',
    })
    const { ctx, requests } = testContext([
      { status: 200, body: { pspReference: 'CHILD2', resultCode: 'Authorised' } },
    ])
    await adyenProvider.chargeRecurring(
      ctx,
      { ...parent, recurringToken: walletToken },
      { paymentId: 'pay_c2', amountMinor: 5_000_000, currency: 'IDR' }
    )
    expect(requests[0]!.body).toMatchObject({
      paymentMethod: { type: 'gopay_wallet', storedPaymentMethodId: 'GP1' },
      recurringProcessingModel: 'Subscription',
      amount: { value: 50_000, currency: 'IDR' },
      countryCode: 'ID',
    })
  })

  it('deletes the stored method with shopperReference and merchantAccount in the query', async () => {
    const { ctx, requests } = testContext([{ status: 204 }])
    expect(await adyenProvider.stopRecurring(ctx, parent)).toEqual({ kind: 'succeeded' })
    expect(requests[0]!.method).toBe('DELETE')
    expect(requests[0]!.url.href).toBe(
      `https://checkout-test.adyen.com/v71/storedPaymentMethods/M5N7TQ4TG5PFWR50?shopperReference=${payment.paymentId}&merchantAccount=GoPayEdgeECOM`
    )
  })

  it('refuses to charge or stop before Adyen reported the stored method', async () => {
    const { ctx, requests } = testContext([])
    const bare = { ...parent, recurringToken: null }
    expect(
      await adyenProvider.chargeRecurring(ctx, bare, {
        paymentId: 'p',
        amountMinor: 1,
        currency: 'EUR',
      })
    ).toMatchObject({ kind: 'declined' })
    expect(await adyenProvider.stopRecurring(ctx, bare)).toMatchObject({ kind: 'rejected' })
    expect(requests).toHaveLength(0)
  })
})
