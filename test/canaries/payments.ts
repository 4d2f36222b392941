/**
 * @module The scenario's payments, each carrying planted card numbers and security codes: the
 * sandbox paid by API key (with an Idempotency-Key), refunded, declined and through its 3-D Secure
 * pages; every card provider paid, refunded, declined, through 3-D Secure and back, notified and
 * failing (a cut connection or a 500); every hosted provider paid on its page, refunded, notified
 * and failing.
 */
import { expect } from 'vitest'
import { callbackUrl, type Harness, harnessFor } from '../conformance/harness'
import { armFault } from '../conformance/simulators'
import type { ConformanceProfile } from '../conformance/types'
import { call } from '../helpers/http'
import { completeThreeDS, pay, SHOP } from '../helpers/payments'
import type { TestTenant } from '../helpers/tenant'
import { AMEX, AMEX_CVV, CARDS, cardsOf, cvvOf, type Planted } from './planted'

export async function sandboxPayments(planted: Planted, merchant: TestTenant) {
  const origins = await call('PUT', '/v1/config/callback-origins', {
    token: merchant.token,
    body: { origins: [SHOP] },
  })
  expect(origins.status).toBe(200)
  const key = await call<{ key: string }>('POST', '/v1/auth/api-keys', {
    token: merchant.token,
    body: { name: 'checkout', mode: 'test' },
  })
  expect(key.status).toBe(201)
  planted.revealed('API key', key.body.key)
  const paid = await pay(
    { ...merchant, token: key.body.key },
    { cardInfo: planted.card(CARDS.sandbox.success) },
    { headers: { 'Idempotency-Key': 'canary-order-1' } }
  )
  expect(paid.status, JSON.stringify(paid.body)).toBe(201)
  const refunded = await call('POST', '/v1/payments/sandbox/refund', {
    token: key.body.key,
    body: { paymentId: paid.body.paymentId, refundAmount: 10 },
  })
  expect(refunded.status, JSON.stringify(refunded.body)).toBe(200)
  const declined = await pay(merchant, { cardInfo: planted.card(CARDS.sandbox.decline) })
  expect(declined.status).toBe(402)
  const pending = await pay(merchant, {
    cardInfo: planted.card(CARDS.sandbox.threeDS),
    use3D: true,
    callbackUrl: `${SHOP}/cb`,
  })
  expect(pending.body.status).toBe('pending')
  const { callback } = await completeThreeDS(pending.body.redirectUrl!, 'authenticate')
  expect(callback.status).toBe(303)
}

/** A fifth of the profile's amount, refunded. */
const part = (profile: ConformanceProfile) => (Number(profile.amount) / 5).toFixed(2)

export async function cardPayments(
  planted: Planted,
  profile: ConformanceProfile
): Promise<Harness> {
  const h = await harnessFor(profile)
  const cards = cardsOf(profile.provider)!
  const card = (number: string) => planted.card(number, cvvOf(profile.provider))
  const paid = await h.pay({ cardInfo: card(cards.success) })
  expect(paid.status, JSON.stringify(paid.body)).toBe(201)
  expect([200, 202]).toContain((await h.refund(paid.body.paymentId, part(profile))).status)
  const declined = await h.pay({ cardInfo: card(cards.decline) })
  expect(declined.status, JSON.stringify(declined.body)).toBe(402)
  if (profile.provider === 'iyzico') {
    const amex = await h.pay({ cardInfo: planted.card(AMEX, AMEX_CVV) })
    expect(amex.status, JSON.stringify(amex.body)).toBe(201)
  }
  // PayTR's redirect profile is its hosted page; its Direct API takes the card to 3-D Secure.
  const threeDS = await h.pay({
    ...(profile.provider === 'paytr' ? { use3D: true, callbackUrl } : profile.redirect),
    cardInfo: card(cards.threeDS),
  })
  expect(threeDS.body.status, JSON.stringify(threeDS.body)).toBe('pending')
  const back = await h.comeBack(await h.press(threeDS.body.redirectUrl!, 'pass'))
  expect(back.status).toBe(303)
  await h.deliver()
  await armFault(h.account, 'create', profile.provider === 'stripe' ? 'http_500' : 'drop')
  const fault = await h.pay({ cardInfo: card(cards.success) })
  expect([202, 502], JSON.stringify(fault.body)).toContain(fault.status)
  return h
}

export async function hostedPayments(profile: ConformanceProfile): Promise<Harness> {
  const h = await harnessFor(profile)
  const paid = await h.paid()
  expect(paid.status).toBe('successful')
  expect([200, 202]).toContain((await h.refund(paid.paymentId, part(profile))).status)
  await h.deliver()
  await armFault(h.account, 'create', 'http_500')
  const fault = await h.pay(profile.redirect)
  expect([202, 502], JSON.stringify(fault.body)).toContain(fault.status)
  return h
}
