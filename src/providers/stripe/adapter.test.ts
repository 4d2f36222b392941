import type Stripe from 'stripe'
import { describe, expect, it } from 'vitest'
import type { CreatePaymentInput, PaymentReference } from '../types'
import { stripeProvider as stripe } from './adapter'
import { cannedStripe, intent, SECRET_KEY, stripeError, stripeJson } from './canned'
import { STRIPE_API_VERSION } from './mapping'

const input = (overrides: Partial<CreatePaymentInput> = {}): CreatePaymentInput => ({
  paymentId: 'pay_01JSTRIPE',
  amountMinor: 10000,
  currency: 'EUR',
  card: {
    holderName: 'Jan Novak',
    number: '4242424242424242',
    expiryMonth: 3,
    expiryYear: 2030,
    cvv: '737',
  },
  threeDS: false,
  capture: true,
  recurring: false,
  customer: { name: 'Jan', surname: 'Novak', email: 'jan.novak@example.com' },
  ...overrides,
})

const CARD_FIELDS =
  'payment_method_data[type]=card&payment_method_data[card][number]=4242424242424242' +
  '&payment_method_data[card][exp_month]=3&payment_method_data[card][exp_year]=2030' +
  '&payment_method_data[card][cvc]=737&payment_method_data[billing_details][name]=Jan%20Novak' +
  '&payment_method_data[billing_details][email]=jan.novak%40example.com'

describe('Stripe createPayment', () => {
  it('confirms a PaymentIntent with the raw card, pinned version and idempotency key', async () => {
    const { ctx, sent } = cannedStripe(stripeJson(intent()))
    const outcome = await stripe.createPayment(ctx, input({ description: 'Order 7' }))
    expect(outcome).toEqual({
      kind: 'succeeded',
      status: 'successful',
      providerPaymentId: 'pi_3Canned',
      amountMinor: 10000,
      currency: 'EUR',
      capturedMinor: 10000,
      recurringToken: undefined,
    })
    const [request] = sent
    expect(request!.method).toBe('POST')
    expect(request!.url).toBe('https://api.stripe.com/v1/payment_intents')
    expect(request!.headers.get('Authorization')).toBe(`Bearer ${SECRET_KEY}`)
    expect(request!.headers.get('Stripe-Version')).toBe(STRIPE_API_VERSION)
    expect(request!.headers.get('Idempotency-Key')).toBe('pay_01JSTRIPE:create')
    expect(request!.headers.get('Content-Type')).toBe('application/x-www-form-urlencoded')
    expect(request!.body).toBe(
      'amount=10000&currency=eur&allowed_payment_method_types[0]=card&capture_method=automatic' +
        '&confirm=true&description=Order%207&error_on_requires_action=true' +
        `&metadata[gopay_payment_id]=pay_01JSTRIPE&${CARD_FIELDS}`
    )
  })

  it('asks for 3-D Secure, authorizes only, and sends the shopper to Stripe', async () => {
    const redirect = 'https://hooks.stripe.com/3d_secure_2/hosted?merchant=acct_1&pi=pi_3Canned'
    const { ctx, sent } = cannedStripe(
      stripeJson(
        intent({
          status: 'requires_action',
          amount_received: 0,
          next_action: {
            type: 'redirect_to_url',
            redirect_to_url: { url: redirect, return_url: 'x' },
          },
        })
      )
    )
    const returnUrl = 'https://gw.example/v1/callback/stripe?state=abc.def'
    const outcome = await stripe.createPayment(
      ctx,
      input({ threeDS: true, capture: false, returnUrl })
    )
    expect(outcome).toEqual({
      kind: 'pending',
      redirectUrl: redirect,
      providerPaymentId: 'pi_3Canned',
    })
    const body = sent[0]!.body
    expect(body).toContain('capture_method=manual')
    expect(body).toContain('payment_method_options[card][request_three_d_secure]=any')
    expect(body).toContain(
      'return_url=https%3A%2F%2Fgw.example%2Fv1%2Fcallback%2Fstripe%3Fstate%3Dabc.def'
    )
    expect(body).not.toContain('error_on_requires_action')
  })

  it('declines with Stripe’s decline code and message on a 402 card error', async () => {
    const { ctx } = cannedStripe(
      stripeError(402, {
        type: 'card_error',
        code: 'card_declined',
        decline_code: 'insufficient_funds',
        message: 'Your card has insufficient funds.',
        payment_intent: intent({ status: 'requires_payment_method', amount_received: 0 }),
      })
    )
    expect(await stripe.createPayment(ctx, input())).toEqual({
      kind: 'declined',
      declineCode: 'insufficient_funds',
      message: 'Your card has insufficient funds.',
      providerCode: 'card_declined/insufficient_funds',
      providerPaymentId: 'pi_3Canned',
    })
  })

  it.each([
    ['a Stripe 500', stripeError(500, { type: 'api_error', message: 'Sorry' })],
    ['a network failure', 'network_error' as const],
    [
      'a concurrent request under the same key',
      stripeError(409, { type: 'invalid_request_error' }),
    ],
    [
      'a key reused with other parameters',
      stripeError(400, { type: 'idempotency_error', message: 'Keys for idempotent requests…' }),
    ],
  ])('leaves the outcome unknown after %s', async (_, answer) => {
    const { ctx } = cannedStripe(answer)
    expect((await stripe.createPayment(ctx, input())).kind).toBe('unknown')
  })

  it('never repeats the secret key Stripe echoes in a 401', async () => {
    const { ctx } = cannedStripe(
      stripeError(401, {
        type: 'invalid_request_error',
        message: `Invalid API Key provided: ${SECRET_KEY}`,
      })
    )
    const outcome = await stripe.createPayment(ctx, input())
    expect(outcome.kind).toBe('declined')
    expect(JSON.stringify(outcome)).not.toContain(SECRET_KEY)
  })

  it('does not take payments without card data, or amounts Stripe cannot charge', async () => {
    const { ctx, sent } = cannedStripe()
    expect(await stripe.createPayment(ctx, input({ card: undefined }))).toEqual({
      kind: 'not_supported',
    })
    expect(await stripe.createPayment(ctx, input({ currency: 'KWD', amountMinor: 1005 }))).toEqual({
      kind: 'not_supported',
    })
    expect(sent).toHaveLength(0)
  })

  it('saves the card to a new Customer for recurring payments', async () => {
    const { ctx, sent } = cannedStripe(
      stripeJson({ id: 'cus_Canned', object: 'customer' }),
      stripeJson(intent({ customer: 'cus_Canned', setup_future_usage: 'off_session' }))
    )
    const outcome = await stripe.createPayment(ctx, input({ recurring: true }))
    expect(outcome).toMatchObject({ kind: 'succeeded', recurringToken: 'cus_Canned/pm_1Canned' })
    expect(sent[0]!.url).toBe('https://api.stripe.com/v1/customers')
    expect(sent[0]!.headers.get('Idempotency-Key')).toBe('pay_01JSTRIPE:customer')
    expect(sent[0]!.body).toBe(
      'email=jan.novak%40example.com&name=Jan%20Novak&metadata[gopay_payment_id]=pay_01JSTRIPE'
    )
    expect(sent[1]!.body).toContain('customer=cus_Canned')
    expect(sent[1]!.body).toContain('setup_future_usage=off_session')
  })
})

/**
 * The top-level create parameters the adapter may send; `satisfies` fails to compile when the
 * pinned API version (the installed stripe package's `PaymentIntentCreateParams`) drops one, as
 * 2026-09-30.endive dropped `payment_method_types`.
 */
const CREATE_PARAMETERS = [
  'amount',
  'currency',
  'allowed_payment_method_types',
  'capture_method',
  'confirm',
  'customer',
  'description',
  'error_on_requires_action',
  'metadata',
  'off_session',
  'payment_method',
  'payment_method_data',
  'payment_method_options',
  'return_url',
  'setup_future_usage',
] as const satisfies readonly (keyof Stripe.PaymentIntentCreateParams)[]

const topLevelKeys = (body: string) =>
  [...new URLSearchParams(body).keys()].map((key) => key.split('[')[0]!)

describe('Stripe create parameters', () => {
  it('are all parameters of the pinned API version, for one-off and recurring charges', async () => {
    const { ctx, sent } = cannedStripe(
      stripeJson({ id: 'cus_Canned', object: 'customer' }),
      stripeJson(intent()),
      stripeJson(intent())
    )
    await stripe.createPayment(
      ctx,
      input({
        recurring: true,
        threeDS: true,
        capture: false,
        description: 'Order 7',
        orderId: 'ord_7',
        returnUrl: 'https://gw.example/v1/callback/stripe?state=abc',
      })
    )
    await stripe.chargeRecurring(
      ctx,
      { ...payment(), recurringToken: 'cus_Canned/pm_1Canned', customerEmail: null },
      { paymentId: 'pay_child', amountMinor: 10000, currency: 'EUR', description: 'Renewal' }
    )
    const sentKeys = new Set([...topLevelKeys(sent[1]!.body), ...topLevelKeys(sent[2]!.body)])
    expect(
      [...sentKeys].filter((key) => !(CREATE_PARAMETERS as readonly string[]).includes(key))
    ).toEqual([])
    expect(sentKeys).toContain('allowed_payment_method_types')
    expect(sentKeys).not.toContain('payment_method_types')
  })
})

const payment = (overrides: Partial<PaymentReference> = {}): PaymentReference => ({
  paymentId: 'pay_canned',
  providerPaymentId: 'pi_3Canned',
  amountMinor: 10000,
  currency: 'EUR',
  capturedMinor: 0,
  refundedMinor: 0,
  authorizeOnly: false,
  ...overrides,
})

describe('Stripe 3-D Secure return and status', () => {
  const returned = {
    payment_intent: 'pi_3Canned',
    payment_intent_client_secret: 'pi_3Canned_secret_abc',
    redirect_status: 'succeeded',
  }

  it('retrieves the stored intent instead of believing the return', async () => {
    const { ctx, sent } = cannedStripe(
      stripeJson(
        intent({
          status: 'requires_payment_method',
          amount_received: 0,
          last_payment_error: {
            type: 'card_error',
            code: 'payment_intent_authentication_failure',
            message: 'We are unable to authenticate your payment method.',
          },
        })
      )
    )
    const outcome = await stripe.completeReturn(ctx, payment(), returned)
    expect(outcome).toMatchObject({ kind: 'declined', declineCode: 'authentication_failed' })
    expect(sent[0]!.method).toBe('GET')
    expect(sent[0]!.url).toBe('https://api.stripe.com/v1/payment_intents/pi_3Canned')
    expect(sent[0]!.headers.get('Idempotency-Key')).toBeNull()
  })

  it('refuses a return for another intent, or an intent of another payment', async () => {
    const { ctx, sent } = cannedStripe(
      stripeJson(intent({ metadata: { gopay_payment_id: 'pay_x' } }))
    )
    expect(
      await stripe.completeReturn(ctx, payment(), { ...returned, payment_intent: 'pi_other' })
    ).toMatchObject({ kind: 'unknown' })
    expect(sent).toHaveLength(0)
    expect(await stripe.completeReturn(ctx, payment(), returned)).toMatchObject({
      kind: 'unknown',
    })
  })

  it('finds an intent whose create answer was lost by searching its metadata', async () => {
    const { ctx, sent } = cannedStripe(
      stripeJson({
        object: 'search_result',
        data: [intent()],
        has_more: false,
        url: '/v1/payment_intents/search',
      })
    )
    const outcome = await stripe.getStatus(ctx, payment({ providerPaymentId: null }))
    expect(outcome).toMatchObject({ kind: 'succeeded', providerPaymentId: 'pi_3Canned' })
    expect(sent[0]!.url).toBe(
      'https://api.stripe.com/v1/payment_intents/search?query=metadata[%27gopay_payment_id%27]%3A%27pay_canned%27'
    )
  })

  it('answers unknown while search does not find it yet', async () => {
    const { ctx } = cannedStripe(stripeJson({ object: 'search_result', data: [], has_more: false }))
    expect(await stripe.getStatus(ctx, payment({ providerPaymentId: null }))).toMatchObject({
      kind: 'unknown',
    })
  })

  it.each([
    ['requires_capture', { kind: 'succeeded', status: 'authorized', capturedMinor: 0 }],
    ['succeeded', { kind: 'succeeded', status: 'successful', capturedMinor: 5000 }],
    ['canceled', { kind: 'cancelled', providerPaymentId: 'pi_3Canned' }],
    ['processing', { kind: 'unknown' }],
    ['requires_confirmation', { kind: 'pending', redirectUrl: '' }],
  ])('maps status %s', async (status, expected) => {
    const { ctx } = cannedStripe(stripeJson(intent({ status, amount_received: 5000 })))
    expect(await stripe.getStatus(ctx, payment())).toMatchObject(expected)
  })

  it('treats an undocumented status as an unreadable answer, not as pending', async () => {
    const { ctx } = cannedStripe(stripeJson(intent({ status: 'requires_source' })))
    expect(await stripe.getStatus(ctx, payment())).toMatchObject({ kind: 'unknown' })
  })
})
