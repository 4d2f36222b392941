import { describe, expect, it } from 'vitest'
import { call, type ErrorBody } from '../helpers/http'
import { card, createPayingTenant, loseCreateAnswer, pay, paymentBody } from '../helpers/payments'
import { createApiKey } from '../helpers/tenant'

type Failure = ErrorBody & { error: { details: { path: string; message: string }[] } }

async function refused(overrides: Record<string, unknown>) {
  const tenant = await createPayingTenant()
  return call<Failure>('POST', '/v1/payments/sandbox', {
    token: tenant.token,
    body: paymentBody(overrides),
  })
}

describe('payment validation', () => {
  it.each([
    ['an unknown currency', { currency: 'XYZ' }, 'currency'],
    ['a lowercase currency', { currency: 'try' }, 'currency'],
    ['too many decimals for the currency', { amount: 10.005, currency: 'USD' }, 'amount'],
    ['decimals on a 0-decimal currency', { amount: '1.5', currency: 'JPY' }, 'amount'],
    ['a zero amount', { amount: 0 }, 'amount'],
    ['a negative amount', { amount: -5 }, 'amount'],
    ['an amount in exponent form', { amount: '1e3' }, 'amount'],
    ['a card number failing Luhn', { cardInfo: card('5528790000000009') }, 'cardInfo.cardNumber'],
    [
      'an expired card',
      { cardInfo: { ...card('4242424242424242'), expireYear: '2020' } },
      'cardInfo.expireYear',
    ],
    [
      'a month out of range',
      { cardInfo: { ...card('4242424242424242'), expireMonth: '13' } },
      'cardInfo.expireMonth',
    ],
    ['a 2-digit CVV', { cardInfo: card('4242424242424242', '12') }, 'cardInfo.cvv'],
    ['a 5-digit CVV', { cardInfo: card('4242424242424242', '12345') }, 'cardInfo.cvv'],
    ['3-D Secure without callbackUrl', { use3D: true }, 'callbackUrl'],
    ['a hosted payment without callbackUrl', { cardInfo: undefined }, 'callbackUrl'],
    ['a customer without email', { customer: { name: 'J', surname: 'D' } }, 'customer.email'],
  ])('answers 400 for %s, naming the field', async (_name, overrides, path) => {
    const res = await refused(overrides)
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('invalid_request')
    expect(res.body.error.details.map((d) => d.path)).toContain(path)
  })

  it('says in the message what the currency allows', async () => {
    const res = await refused({ amount: '1.5', currency: 'JPY' })
    expect(res.body.error.message).toBe(
      'Invalid request: amount has too many decimals: JPY allows no decimals.'
    )
    const try3 = await refused({ amount: '10.005', currency: 'TRY' })
    expect(try3.body.error.message).toContain('TRY allows 2 decimals')
  })

  it('answers 400 for malformed JSON', async () => {
    const tenant = await createPayingTenant()
    const res = await call<ErrorBody>('POST', '/v1/payments/sandbox', {
      token: tenant.token,
      rawBody: '{"amount": 1,',
    })
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('invalid_json')
  })

  it('answers 422 for a callback URL outside the allowed origins', async () => {
    const res = await refused({ use3D: true, callbackUrl: 'https://evil.example/cb' })
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe('callback_url_not_allowed')
  })
})

describe('providers and environments', () => {
  it('answers 404 listing the known providers for an unknown one', async () => {
    const tenant = await createPayingTenant()
    const res = await call<ErrorBody>('POST', '/v1/payments/paypalish', {
      token: tenant.token,
      body: paymentBody(),
    })
    expect(res.status).toBe(404)
    expect(res.body.error.code).toBe('provider_not_found')
    expect(res.body.error.details).toMatchObject({
      knownProviders: expect.arrayContaining(['sandbox', 'iyzico']),
    })
  })

  it('asks to configure a provider first', async () => {
    const tenant = await createPayingTenant()
    const res = await call<ErrorBody>('POST', '/v1/payments/stripe', {
      token: tenant.token,
      body: paymentBody(),
    })
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe('provider_not_configured')
  })

  it('refuses what the provider cannot do before asking for its credentials', async () => {
    const tenant = await createPayingTenant()
    const res = await call<ErrorBody>('POST', '/v1/payments/gopay', {
      token: tenant.token,
      body: paymentBody(),
    })
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe('not_supported')
    expect(res.body.error.message).toMatch(/card payments/)
  })

  it('offers the sandbox in the test environment only', async () => {
    const res = await refused({ environment: 'production' })
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe('environment_not_supported')
  })

  it('keeps test API keys out of production', async () => {
    const tenant = await createPayingTenant()
    const { key } = await createApiKey(tenant, 'test')
    const res = await call<ErrorBody>('POST', '/v1/payments/sandbox', {
      token: key,
      body: paymentBody({ environment: 'production' }),
    })
    expect(res.status).toBe(403)
  })

  it('answers 404 for payments that do not exist', async () => {
    const tenant = await createPayingTenant()
    for (const id of ['pay_01JF4M5XQ8Z3W6V1B2N7K9C0DE', 'nonsense', "pay_' OR 1=1 --"]) {
      const res = await call<ErrorBody>('GET', `/v1/payments/sandbox/${encodeURIComponent(id)}`, {
        token: tenant.token,
      })
      expect(res.status).toBe(404)
    }
  })

  it('answers 404 when the payment belongs to another provider path', async () => {
    const tenant = await createPayingTenant()
    const paid = await pay(tenant)
    const res = await call<ErrorBody>('GET', `/v1/payments/iyzico/${paid.body.paymentId}`, {
      token: tenant.token,
    })
    expect(res.status).toBe(404)
  })

  it('refuses to cancel a payment whose provider answer is still unknown', async () => {
    const tenant = await createPayingTenant()
    const paid = await pay(tenant)
    await loseCreateAnswer(paid.body.paymentId)
    const res = await call<ErrorBody>('DELETE', `/v1/payments/sandbox/${paid.body.paymentId}`, {
      token: tenant.token,
    })
    expect(res.status).toBe(409)
    expect(res.body.error.code).toBe('invalid_transition')
    const asked = await call<{ status: string }>(
      'GET',
      `/v1/payments/sandbox/${paid.body.paymentId}`,
      { token: tenant.token }
    )
    // Asking for it asks the provider, which finds the charge by the payment's reference.
    expect(asked.body.status).toBe('successful')
  })
})
