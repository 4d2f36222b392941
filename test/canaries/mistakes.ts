/**
 * @module The scenario's mistakes: a tenant whose provider credentials are planted canaries every
 * provider refuses (real account identifiers, wrong secrets), a secret put in a field that refuses
 * it, and card numbers sent where no card belongs: in free text, in invalid and malformed bodies,
 * in paths and in query strings.
 */
import { env } from 'cloudflare:workers'
import { expect } from 'vitest'
import { openMerchant } from '../conformance/simulators'
import type { ConformanceProfile } from '../conformance/types'
import { call } from '../helpers/http'
import { createPayingTenant, pay } from '../helpers/payments'
import type { TestTenant } from '../helpers/tenant'
import { CARDS, CVV, cardsOf, cvvOf, MISPLACED, type Planted, WRONG_CREDENTIALS } from './planted'

/** A fresh simulator account's credentials, by key. */
async function account(provider: string) {
  const opened = await openMerchant(provider, `${env.APP_URL}/v1/webhooks/${provider}`)
  return Object.fromEntries(opened.configs.map(({ key, value }) => [key, value]))
}

async function wrongConfigs(planted: Planted): Promise<Record<string, Record<string, string>>> {
  const w = WRONG_CREDENTIALS
  const [iyzico, paytr, gopay, payu, adyen] = await Promise.all(
    ['iyzico', 'paytr', 'gopay', 'payu', 'adyen'].map(account)
  )
  for (const [label, value] of Object.entries(w)) planted.secret(`wrong ${label}`, value)
  // Any part of one, cut or masked the wrong way, still carries this.
  planted.secret('wrong credentials marker', 'CANARY-SECRET')
  planted.secret('iyzico apiKey beside a wrong secret', iyzico!.apiKey!)
  return {
    iyzico: { apiKey: iyzico!.apiKey!, secretKey: w.iyzico },
    paytr: { merchantId: paytr!.merchantId!, merchantKey: w.paytrKey, merchantSalt: w.paytrSalt },
    stripe: { secretKey: w.stripe, webhookSecret: w.stripeWebhook },
    gopay: { goId: gopay!.goId!, clientId: gopay!.clientId!, clientSecret: w.gopay },
    payu: { posId: payu!.posId!, clientSecret: w.payu, secondKey: w.payuSecondKey },
    adyen: { apiKey: w.adyen, merchantAccount: adyen!.merchantAccount!, hmacKey: w.adyenHmac },
  }
}

/** Each provider is asked with the wrong credentials, and refuses. */
export async function wrongCredentials(
  planted: Planted,
  profiles: readonly ConformanceProfile[]
): Promise<TestTenant> {
  const tenant = await createPayingTenant()
  for (const [provider, values] of Object.entries(await wrongConfigs(planted))) {
    const stored = await call('POST', '/v1/config/tenant', {
      token: tenant.token,
      body: {
        provider,
        environment: 'test',
        configs: Object.entries(values).map(([key, value]) => ({ key, value })),
      },
    })
    expect(stored.status, JSON.stringify(stored.body)).toBe(200)
  }
  for (const [i, profile] of profiles.entries()) {
    const cards = cardsOf(profile.provider)
    // A shopper of its own for each attempt, so the risk rules let every one reach the provider.
    const customer = {
      name: 'Jan',
      surname: 'Novak',
      email: `jan.${profile.provider}@example.com`,
      ipAddress: `85.34.78.${10 + i}`,
    }
    const res = await call<{ success?: boolean }>('POST', `/v1/payments/${profile.provider}`, {
      token: tenant.token,
      body: {
        amount: profile.amount,
        currency: profile.currency,
        customer,
        ...(cards
          ? { cardInfo: planted.card(cards.success, cvvOf(profile.provider)) }
          : profile.redirect),
      },
    })
    expect(res.body.success, `${profile.provider}: ${JSON.stringify(res.body)}`).not.toBe(true)
    const calls = await env.DB.prepare(
      'SELECT COUNT(*) AS n FROM provider_logs WHERE tenant_id = ? AND provider = ?'
    )
      .bind(tenant.tenantId, profile.provider)
      .first<{ n: number }>()
    expect(calls!.n, `${profile.provider} was never asked`).toBeGreaterThan(0)
  }
  // A secret in a field that refuses it: the refusal names the field, not the value.
  const refused = await call('POST', '/v1/config/tenant', {
    token: tenant.token,
    body: {
      provider: 'stripe',
      environment: 'test',
      configs: [{ key: 'secretKey', value: WRONG_CREDENTIALS.iyzico }],
    },
  })
  expect(refused.status).toBe(422)
  return tenant
}

const shopper = { name: 'John', surname: 'Doe', email: 'john@example.com' }

/** A valid payment with card numbers in its free text: kept, masked. */
async function cardsInFreeText(planted: Planted, merchant: TestTenant) {
  const paid = await pay(merchant, {
    description: `card ${MISPLACED.description} as the shopper typed it`,
    orderId: `order-${MISPLACED.orderId}`,
    customer: { ...shopper, phoneNumber: MISPLACED.phone },
    items: [{ name: `Gift card ${MISPLACED.item}`, price: 100.5 }],
    cardInfo: planted.card(CARDS.sandbox.success),
  })
  expect(paid.status, JSON.stringify(paid.body)).toBe(201)
}

/** Requests refused by validation, each with a card number in it. */
async function invalidRequests(planted: Planted, merchant: TestTenant) {
  const base = { amount: 10, currency: 'TRY', customer: shopper }
  const card = () => planted.card(MISPLACED.invalidBody)
  const invalid = [
    { ...base, amount: MISPLACED.invalidBody, cardInfo: planted.card(CARDS.sandbox.success) },
    { ...base, currency: MISPLACED.invalidBody },
    { ...base, cardInfo: { ...card(), expireYear: '2001' } },
    { ...base, cardInfo: { ...card(), cvv: '98' } },
    { ...base, cardInfo: { ...card(), cardNumber: Number(MISPLACED.invalidBody) } },
    { ...base, customer: { ...shopper, email: MISPLACED.invalidBody } },
  ]
  for (const body of invalid) {
    const res = await call('POST', '/v1/payments/sandbox', { token: merchant.token, body })
    expect(res.status, JSON.stringify(body)).toBe(400)
  }
  const malformed = await call('POST', '/v1/payments/sandbox', {
    token: merchant.token,
    rawBody: `{"cardInfo":{"cardNumber":"${MISPLACED.malformedJson}","cvv":"${CVV}"`,
  })
  expect(malformed.status).toBe(400)
  const { token } = merchant
  const elsewhere = [
    call('GET', `/v1/payments/sandbox/${MISPLACED.path}`, { token }),
    call('GET', `/v1/cards/${MISPLACED.path}`, { token }),
    call('POST', `/v1/payments/${MISPLACED.provider}`, {
      token,
      body: { ...base, cardInfo: planted.card(CARDS.sandbox.success) },
    }),
    call('GET', `/v1/logs/${MISPLACED.provider}`, { token }),
    call('GET', `/v1/payments?cursor=${MISPLACED.query}&limit=${MISPLACED.query}`, { token }),
    call('GET', `/v1/callback/iyzico?state=${MISPLACED.callback}`),
    call('GET', `/v1/pay/${MISPLACED.callback}?t=${MISPLACED.callback}`),
  ]
  for (const res of await Promise.all(elsewhere)) expect(res.status).toBeGreaterThanOrEqual(400)
}

export async function misplacedCards(planted: Planted, merchant: TestTenant) {
  for (const [label, value] of Object.entries(MISPLACED))
    planted.cardNumber(`PAN in ${label}`, value)
  await cardsInFreeText(planted, merchant)
  await invalidRequests(planted, merchant)
}
