import Stripe from 'stripe'
import { describe, expect, it } from 'vitest'
import { encodeForm, type FormObject } from './form'
import { STRIPE_API_VERSION } from './mapping'

/** What the stripe package sends for a call: method, URL and headers and body, from its fetch. */
async function sentByStripeNode(call: (stripe: Stripe) => Promise<unknown>) {
  const sent: { method: string; url: string; headers: Headers; body: string }[] = []
  const fetchFn = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init)
    sent.push({
      method: request.method,
      url: request.url,
      headers: request.headers,
      body: new TextDecoder().decode(await request.arrayBuffer()),
    })
    return Response.json({ id: 'pi_1', object: 'payment_intent', data: [] })
  }
  const stripe = new Stripe('sk_test_form', {
    httpClient: Stripe.createFetchHttpClient(fetchFn as typeof fetch),
    maxNetworkRetries: 0,
  })
  await call(stripe)
  return sent[0]!
}

describe('form encoding (stripe-node test/utils.spec.ts vectors)', () => {
  it.each<[FormObject, string]>([
    [{ a: 1, b: 'foo' }, 'a=1&b=foo'],
    [{ a: { b: { c: { d: 2 } } } }, 'a[b][c][d]=2'],
    [{ a: [{ b: 'c' }, { b: 'd' }] }, 'a[0][b]=c&a[1][b]=d'],
    [{ a: { 0: { b: 'c' }, 1: { b: 'd' } } }, 'a[0][b]=c&a[1][b]=d'],
    [
      {
        test: 1,
        foo: 'baz',
        somethingElse: '::""%&',
        nested: { 1: 2, 'a n o t h e r': null },
      },
      'test=1&foo=baz&somethingElse=%3A%3A%22%22%25%26&nested[1]=2&nested[a%20n%20o%20t%20h%20e%20r]=',
    ],
    [{}, ''],
    [{ a: '' }, 'a='],
    [{ t: true, f: false }, 't=true&f=false'],
    [{ zero: 0, negative: -42, float: 3.14 }, 'zero=0&negative=-42&float=3.14'],
    [{ a: 1, b: undefined, c: 3 }, 'a=1&c=3'],
    [{ a: null }, 'a='],
    [{ arr: [1, 2, 3] }, 'arr[0]=1&arr[1]=2&arr[2]=3'],
    [{ arr: [] }, ''],
    [{ arr: ['a', 1, true] }, 'arr[0]=a&arr[1]=1&arr[2]=true'],
    [{ special: '!@#$%^&*()+=' }, 'special=%21%40%23%24%25%5E%26%2A%28%29%2B%3D'],
    [
      { emoji: '\u{1F600}', chinese: '\u4E2D\u6587' },
      'emoji=%F0%9F%98%80&chinese=%E4%B8%AD%E6%96%87',
    ],
    [{ 'key with spaces': 'value' }, 'key%20with%20spaces=value'],
  ])('encodes %j as stripe-node does', (params, expected) => {
    expect(encodeForm(params)).toBe(expected)
  })

  it("escapes ' which stripe-node escapes and encodeURIComponent does not", () => {
    expect(encodeForm({ query: "metadata['k']:'v'" })).toBe('query=metadata[%27k%27]%3A%27v%27')
  })
})

describe('form encoding against the installed stripe package', () => {
  const params = {
    amount: 10000,
    currency: 'eur',
    capture_method: 'manual' as const,
    confirm: true,
    description: "Order #7 (Jan's) *special*",
    metadata: { gopay_payment_id: 'pay_01J', note: 'a b&c' },
    payment_method_data: {
      type: 'card' as const,
      billing_details: { name: 'Jan Novák', email: 'jan+1@example.com' },
    },
    payment_method_options: { card: { request_three_d_secure: 'any' as const } },
    allowed_payment_method_types: ['card' as const],
    return_url: 'https://gateway.example/v1/callback/stripe?state=a.b-c_d',
  } satisfies Stripe.PaymentIntentCreateParams

  it('sends the same POST body, Stripe-Version and Idempotency-Key', async () => {
    const sent = await sentByStripeNode((stripe) =>
      stripe.paymentIntents.create(params, { idempotencyKey: 'pay_01J:create' })
    )
    expect(sent.method).toBe('POST')
    expect(sent.url).toBe('https://api.stripe.com/v1/payment_intents')
    expect(sent.body).toBe(encodeForm(params))
    expect(sent.headers.get('Stripe-Version')).toBe(STRIPE_API_VERSION)
    expect(sent.headers.get('Idempotency-Key')).toBe('pay_01J:create')
    expect(sent.headers.get('Authorization')).toBe('Bearer sk_test_form')
    expect(sent.headers.get('Content-Type')).toBe('application/x-www-form-urlencoded')
  })

  it('builds the same search query string', async () => {
    const query = "metadata['gopay_payment_id']:'pay_01J'"
    const sent = await sentByStripeNode((stripe) => stripe.paymentIntents.search({ query }))
    expect(sent.method).toBe('GET')
    expect(sent.url).toBe(
      `https://api.stripe.com/v1/payment_intents/search?${encodeForm({ query })}`
    )
  })
})
