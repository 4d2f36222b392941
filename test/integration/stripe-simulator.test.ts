/**
 * The Stripe simulator answers as Stripe documents: Bearer key auth, form parameters, idempotency
 * keys, Stripe's error shapes, webhook endpoints with a signing secret, and search over metadata.
 * Called directly, as a merchant's own code would call Stripe.
 */
import { describe, expect, it } from 'vitest'
import { encodeForm, type FormObject } from '../../src/providers/stripe/form'
import { openMerchant, SIMULATORS_ORIGIN } from '../conformance/simulators'

async function merchant() {
  const account = await openMerchant('stripe', 'https://gateway.example/v1/webhooks/stripe')
  return account.configs.find((c) => c.key === 'secretKey')!.value
}

async function stripeApi(
  key: string,
  method: 'GET' | 'POST',
  path: string,
  params: FormObject = {},
  headers: Record<string, string> = {}
) {
  const query = method === 'GET' && Object.keys(params).length ? `?${encodeForm(params)}` : ''
  const res = await fetch(`${SIMULATORS_ORIGIN}/stripe${path}${query}`, {
    method,
    headers: {
      Authorization: `Bearer ${key}`,
      'Content-Type': 'application/x-www-form-urlencoded',
      ...headers,
    },
    body: method === 'POST' ? encodeForm(params) : undefined,
  })
  // biome-ignore lint/suspicious/noExplicitAny: the test reads Stripe's JSON answers freely
  return { status: res.status, headers: res.headers, body: await res.json<Record<string, any>>() }
}

const payment = (paymentId: string, card = '4242424242424242') => ({
  amount: 2000,
  currency: 'eur',
  confirm: true,
  metadata: { gopay_payment_id: paymentId },
  payment_method_data: {
    type: 'card',
    card: { number: card, exp_month: 12, exp_year: 2034, cvc: '123' },
  },
  allowed_payment_method_types: ['card'],
})

describe('Stripe simulator', () => {
  it('refuses a wrong key with 401 and Stripe’s error shape, masking the key', async () => {
    const res = await stripeApi('sk_test_51WrongKeyxxxxxxxx1234', 'GET', '/v1/payment_intents/pi_1')
    expect(res.status).toBe(401)
    expect(res.body.error.type).toBe('invalid_request_error')
    expect(res.body.error.message).toMatch(/^Invalid API Key provided: sk_test_\**1234$/)
  })

  it('replays an idempotent request and refuses the key with other parameters', async () => {
    const key = await merchant()
    const first = await stripeApi(key, 'POST', '/v1/payment_intents', payment('pay_a'), {
      'Idempotency-Key': 'k1',
    })
    const again = await stripeApi(key, 'POST', '/v1/payment_intents', payment('pay_a'), {
      'Idempotency-Key': 'k1',
    })
    expect(again.body.id).toBe(first.body.id)
    expect(again.headers.get('Idempotent-Replayed')).toBe('true')
    const other = await stripeApi(key, 'POST', '/v1/payment_intents', payment('pay_b'), {
      'Idempotency-Key': 'k1',
    })
    expect(other.status).toBe(400)
    expect(other.body.error.type).toBe('idempotency_error')
  })

  it('answers a decline with 402 card_error carrying the intent', async () => {
    const key = await merchant()
    const res = await stripeApi(
      key,
      'POST',
      '/v1/payment_intents',
      payment('pay_c', '4000000000009995')
    )
    expect(res.status).toBe(402)
    expect(res.body.error).toMatchObject({
      type: 'card_error',
      code: 'card_declined',
      decline_code: 'insufficient_funds',
      payment_intent: { status: 'requires_payment_method' },
    })
  })

  it('refuses unknown and missing parameters', async () => {
    const key = await merchant()
    const unknown = await stripeApi(key, 'POST', '/v1/payment_intents', {
      ...payment('pay_d'),
      colour: 'red',
    })
    expect(unknown.body.error).toMatchObject({ code: 'parameter_unknown', param: 'colour' })
    const missing = await stripeApi(key, 'POST', '/v1/payment_intents', { currency: 'eur' })
    expect(missing.body.error).toMatchObject({ code: 'parameter_missing', param: 'amount' })
  })

  it('refuses payment_method_types from 2026-09-30.endive on, as Stripe’s changelog says', async () => {
    const key = await merchant()
    const { allowed_payment_method_types: _, ...rest } = payment('pay_g')
    const legacy = { ...rest, payment_method_types: ['card'] }
    const endive = await stripeApi(key, 'POST', '/v1/payment_intents', legacy, {
      'Stripe-Version': '2026-11-18.endive',
    })
    expect(endive.status).toBe(400)
    expect(endive.body.error).toMatchObject({
      type: 'invalid_request_error',
      code: 'payment_method_types_no_longer_supported',
      param: 'payment_method_types',
    })
    const dahlia = await stripeApi(key, 'POST', '/v1/payment_intents', legacy, {
      'Stripe-Version': '2026-07-29.dahlia',
    })
    expect(dahlia.body).toMatchObject({ object: 'payment_intent', status: 'succeeded' })
    const both = await stripeApi(key, 'POST', '/v1/payment_intents', {
      ...payment('pay_h'),
      automatic_payment_methods: { enabled: true },
    })
    expect(both.body.error).toMatchObject({ code: 'parameters_exclusive' })
  })

  it('refunds no more than is left, with Stripe’s codes', async () => {
    const key = await merchant()
    const paid = await stripeApi(key, 'POST', '/v1/payment_intents', payment('pay_e'))
    const tooMuch = await stripeApi(key, 'POST', '/v1/refunds', {
      payment_intent: paid.body.id,
      amount: 2001,
    })
    expect(tooMuch.body.error).toMatchObject({ code: 'amount_too_large' })
    expect(
      (await stripeApi(key, 'POST', '/v1/refunds', { payment_intent: paid.body.id })).status
    ).toBe(200)
    const again = await stripeApi(key, 'POST', '/v1/refunds', { payment_intent: paid.body.id })
    expect(again.body.error).toMatchObject({ code: 'charge_already_refunded' })
  })

  it('creates webhook endpoints that answer their signing secret once', async () => {
    const key = await merchant()
    const created = await stripeApi(key, 'POST', '/v1/webhook_endpoints', {
      url: 'https://gateway.example/v1/webhooks/stripe',
      enabled_events: ['payment_intent.succeeded'],
    })
    expect(created.body).toMatchObject({ object: 'webhook_endpoint', status: 'enabled' })
    expect(created.body.secret).toMatch(/^whsec_/)
    const listed = await stripeApi(key, 'GET', '/v1/webhook_endpoints')
    expect(listed.body.data.every((e: Record<string, unknown>) => !('secret' in e))).toBe(true)
  })

  it('finds an intent by its metadata with the search query language', async () => {
    const key = await merchant()
    const paid = await stripeApi(key, 'POST', '/v1/payment_intents', payment('pay_f'))
    const found = await stripeApi(key, 'GET', '/v1/payment_intents/search', {
      query: "metadata['gopay_payment_id']:'pay_f'",
    })
    expect(found.body).toMatchObject({ object: 'search_result', data: [{ id: paid.body.id }] })
  })
})
