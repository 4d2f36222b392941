import { describe, expect, it } from 'vitest'
import type { CreatePaymentInput, PaymentReference, RecurringParent } from '../types'
import { gopayProvider as gopay } from './adapter'
import {
  CONFIG,
  fakeGoPay,
  goPayError,
  goPayPayment,
  json,
  NOTIFY,
  type SentRequest,
} from './test-context'

const input: CreatePaymentInput = {
  paymentId: 'pay_1',
  amountMinor: 10000,
  currency: 'CZK',
  threeDS: false,
  capture: true,
  recurring: false,
  returnUrl: 'https://gateway.test/v1/callback/gopay?state=abc',
  customer: { name: 'Jan', surname: 'Novák', email: 'jan.novak@example.com' },
}

const reference: PaymentReference = {
  paymentId: 'pay_1',
  providerPaymentId: '3123456789',
  amountMinor: 10000,
  currency: 'CZK',
  capturedMinor: 0,
  refundedMinor: 0,
  authorizeOnly: false,
}

const is = (method: string, path: string) => (r: SentRequest) =>
  r.method === method && r.path === path

describe('GoPay create payment', () => {
  it('posts the payment with a payment-create token and answers pending with gw_url', async () => {
    const gopay_ = fakeGoPay([
      (r) => (is('POST', '/payments/payment')(r) ? json(200, goPayPayment()) : undefined),
    ])
    const outcome = await gopay.createPayment(gopay_.ctx, input)
    expect(outcome).toEqual({
      kind: 'pending',
      redirectUrl: 'https://gw.sandbox.gopay.com/gw/v3/bCcvmwTKK5hrJx2aGG8ZnFyBJhAvF',
      providerPaymentId: '3123456789',
    })
    expect(gopay_.sent[0]!.body).toBe('grant_type=client_credentials&scope=payment-create')
    const [create] = gopay_.calls()
    expect(create!.headers['content-type']).toBe('application/json')
    expect(JSON.parse(create!.body)).toMatchObject({
      target: { type: 'ACCOUNT', goid: 8123456789 },
      callback: { return_url: input.returnUrl, notification_url: NOTIFY },
      payer: { contact: { last_name: 'Novák' } },
    })
    expect(create!.body).toContain('Novák')
  })

  it('takes any 2xx with a payment as created, whatever its content type says', async () => {
    const gopay_ = fakeGoPay([(r) => (r.method === 'POST' ? json(201, goPayPayment()) : undefined)])
    expect(await gopay.createPayment(gopay_.ctx, input)).toMatchObject({
      kind: 'pending',
      providerPaymentId: '3123456789',
    })
  })

  it('answers not_supported for card data, an unknown method or a currency GoPay lacks', async () => {
    const gopay_ = fakeGoPay([])
    const card = {
      holderName: 'J',
      number: '4111111111111111',
      expiryMonth: 1,
      expiryYear: 2030,
      cvv: '123',
    }
    expect(await gopay.createPayment(gopay_.ctx, { ...input, card })).toEqual({
      kind: 'not_supported',
      reason: 'the shopper pays on its page: send no cardInfo.',
    })
    expect(
      await gopay.createPayment(gopay_.ctx, { ...input, paymentMethod: 'gopay_wallet' })
    ).toEqual({
      kind: 'not_supported',
      reason: expect.stringMatching(/^paymentMethod must be one of PAYMENT_CARD, .*BANK_ACCOUNT/),
    })
    expect(await gopay.createPayment(gopay_.ctx, { ...input, currency: 'TRY' })).toEqual({
      kind: 'not_supported',
      reason: 'payments in CZK, EUR, PLN, USD, GBP, HUF, RON, BGN, HRK only.',
    })
    expect(gopay_.sent).toHaveLength(0)
  })

  it('declines with GoPay’s message when GoPay refuses the payment', async () => {
    const gopay_ = fakeGoPay([
      () =>
        json(
          409,
          goPayError(111, { scope: 'F', field: 'payer.contact.email', message: 'Wrong format' })
        ),
    ])
    expect(await gopay.createPayment(gopay_.ctx, input)).toEqual({
      kind: 'declined',
      declineCode: 'processing_error',
      message: 'Wrong format (payer.contact.email)',
      providerCode: '111',
    })
  })

  it('leaves the outcome open after a 5xx or a lost answer', async () => {
    const failing = fakeGoPay([() => json(500, goPayError(500))])
    expect(await gopay.createPayment(failing.ctx, input)).toEqual({
      kind: 'unknown',
      reason: 'http_500',
    })
    const lost = fakeGoPay([() => 'network_error'])
    expect(await gopay.createPayment(lost.ctx, input)).toEqual({
      kind: 'unknown',
      reason: 'network_error',
    })
  })

  it('declines without creating anything when no token is issued, and never shows secrets', async () => {
    const gopay_ = fakeGoPay(
      [() => json(403, goPayError(202, { message: 'Wrong credentials' }))],
      CONFIG,
      { issueTokens: false }
    )
    const ctx = gopay_.ctx
    const outcome = await gopay.createPayment(ctx, input)
    expect(outcome).toMatchObject({ kind: 'declined', declineCode: 'processing_error' })
    expect(outcome).toMatchObject({ message: expect.stringContaining('Wrong credentials') })
    expect(JSON.stringify(outcome)).not.toContain(CONFIG.clientSecret)
    expect(gopay_.sent.map((r) => r.path)).toEqual(['/oauth2/token'])
  })
})

describe('GoPay status and return', () => {
  const paid = () => fakeGoPay([() => json(200, goPayPayment({ state: 'PAID' }))])

  it('asks GET /payments/payment/{id} with a payment-all token', async () => {
    const gopay_ = paid()
    expect(await gopay.getStatus(gopay_.ctx, reference)).toMatchObject({
      kind: 'succeeded',
      status: 'successful',
      amountMinor: 10000,
      currency: 'CZK',
    })
    expect(gopay_.sent[0]!.body).toBe('grant_type=client_credentials&scope=payment-all')
    expect(gopay_.calls()[0]).toMatchObject({
      method: 'GET',
      path: '/payments/payment/3123456789',
      body: '',
    })
  })

  it('cannot ask without GoPay’s id', async () => {
    const gopay_ = paid()
    expect(
      await gopay.getStatus(gopay_.ctx, { ...reference, providerPaymentId: null })
    ).toMatchObject({
      kind: 'unknown',
    })
    expect(gopay_.sent).toHaveLength(0)
  })

  it('never takes a failed status query for a decline', async () => {
    const gopay_ = fakeGoPay([() => json(404, goPayError(304))])
    expect(await gopay.getStatus(gopay_.ctx, reference)).toMatchObject({ kind: 'unknown' })
  })

  it('completes a return only for this payment’s id, from the status query', async () => {
    const gopay_ = paid()
    expect(await gopay.completeReturn(gopay_.ctx, reference, { id: '3999999999' })).toMatchObject({
      kind: 'unknown',
    })
    expect(gopay_.sent).toHaveLength(0)
    expect(await gopay.completeReturn(gopay_.ctx, reference, { id: '3123456789' })).toMatchObject({
      kind: 'succeeded',
    })
  })
})

describe('GoPay recurring charges', () => {
  const parent: RecurringParent = {
    ...reference,
    capturedMinor: 10000,
    recurringToken: '3123456789:9876543210',
    customerEmail: 'jan.novak@example.com',
  }
  const charge = { paymentId: 'pay_2', amountMinor: 4000, currency: 'CZK' }
  const child = (state: string) =>
    goPayPayment({ id: 3123456790, parent_id: 3123456789, state, amount: 4000 })

  it('creates the child on the parent and asks once more while GoPay has not charged it yet', async () => {
    const gopay_ = fakeGoPay([
      (r) => (r.method === 'POST' ? json(200, child('CREATED')) : json(200, child('PAID'))),
    ])
    expect(await gopay.chargeRecurring(gopay_.ctx, parent, charge)).toMatchObject({
      kind: 'succeeded',
      status: 'successful',
      providerPaymentId: '3123456790',
      amountMinor: 4000,
    })
    const [create, status] = gopay_.calls()
    expect(create).toMatchObject({ path: '/payments/payment/3123456789/create-recurrence' })
    expect(JSON.parse(create!.body)).toEqual({
      amount: 4000,
      currency: 'CZK',
      order_number: 'pay_2',
      items: [{ type: 'ITEM', name: 'Order pay_2', amount: 4000, count: 1 }],
    })
    expect(status).toMatchObject({ method: 'GET', path: '/payments/payment/3123456790' })
  })

  it('stays pending until the notification when GoPay is still charging', async () => {
    const gopay_ = fakeGoPay([() => json(200, child('CREATED'))])
    expect(await gopay.chargeRecurring(gopay_.ctx, parent, charge)).toEqual({
      kind: 'pending',
      redirectUrl: '',
      providerPaymentId: '3123456790',
    })
  })

  it('declines when the recurrence was stopped or never started', async () => {
    const stopped = fakeGoPay([
      () => json(409, goPayError(342, { error_name: 'PAYMENT_RECURRENCE_STOPPED' })),
    ])
    expect(await gopay.chargeRecurring(stopped.ctx, parent, charge)).toMatchObject({
      kind: 'declined',
      declineCode: 'not_permitted',
    })
    const never = fakeGoPay([])
    expect(
      await gopay.chargeRecurring(never.ctx, { ...parent, recurringToken: null }, charge)
    ).toMatchObject({
      kind: 'declined',
    })
    expect(never.sent).toHaveLength(0)
  })
})
