/**
 * Stripe card payments beyond the conformance matrix: Stripe's decline codes as the gateway's,
 * 3-D Secure without a way back, a captured payment that can only be refunded, and off-session
 * charges of cards that do or do not ask for authentication again.
 */
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import {
  agePayment,
  ageRefunds,
  callbackUrl,
  cardInfo,
  type Harness,
  harnessFor,
} from '../conformance/harness'
import { armFault, SIMULATORS_ORIGIN } from '../conformance/simulators'
import { stripeProfile } from '../conformance/stripe'
import { runCron } from '../helpers/cron'
import { call } from '../helpers/http'

/** Reads the simulated Stripe account as the merchant's own code would. */
async function atStripe(h: Harness, method: 'GET', pathAndQuery: string) {
  const key = h.account.configs.find((c) => c.key === 'secretKey')!.value
  const res = await fetch(`${SIMULATORS_ORIGIN}/stripe${pathAndQuery}`, {
    method,
    headers: { Authorization: `Bearer ${key}` },
  })
  return res.json<{ data: unknown[] }>()
}

describe('Stripe card declines', () => {
  it.each([
    ['4000000000009987', 'fraud_suspected', 'card_declined/lost_card'],
    ['4000000000009979', 'fraud_suspected', 'card_declined/stolen_card'],
    ['4100000000000019', 'fraud_suspected', 'card_declined/fraudulent'],
    ['4000000000000069', 'expired_card', 'expired_card/expired_card'],
    ['4000000000000127', 'incorrect_cvc', 'incorrect_cvc/incorrect_cvc'],
    ['4000000000000119', 'processing_error', 'processing_error/processing_error'],
    ['4000000000006975', 'limit_exceeded', 'card_declined/card_velocity_exceeded'],
    ['4111111111111111', 'invalid_card', 'card_declined/test_mode_live_card'],
  ])('declines %s as %s', async (card, declineCode) => {
    const h = await harnessFor(stripeProfile)
    const res = await h.pay({ cardInfo: cardInfo(card) })
    expect(res.status, JSON.stringify(res.body)).toBe(402)
    expect(res.body).toMatchObject({ status: 'failed', declineCode })
  })

  it('declines a card that needs 3-D Secure when there is no callbackUrl to come back to', async () => {
    const h = await harnessFor(stripeProfile)
    const res = await h.pay({ cardInfo: cardInfo('4000002760003184') })
    expect(res.status).toBe(402)
    expect(res.body).toMatchObject({ declineCode: 'authentication_failed' })
  })

  it('declines after 3-D Secure when the issuer then refuses the card', async () => {
    const h = await harnessFor(stripeProfile)
    const created = await h.pay({
      ...stripeProfile.redirect,
      cardInfo: cardInfo('4000008260003178'),
    })
    await h.comeBack(await h.press(created.body.redirectUrl!, 'pass'))
    expect(await h.get(created.body.paymentId)).toMatchObject({
      status: 'failed',
      declineCode: 'insufficient_funds',
    })
  })
})

describe('Stripe provider log', () => {
  it('keeps no card number, security code or API key of a payment', async () => {
    const h = await harnessFor(stripeProfile)
    const payment = await h.paid()
    const { results } = await env.DB.prepare(
      'SELECT request, response FROM provider_logs WHERE payment_id = ?'
    )
      .bind(payment.paymentId)
      .all<{ request: string; response: string }>()
    const logged = JSON.stringify(results)
    expect(logged).toContain('payment_method_data[card][number]')
    expect(logged).not.toContain('4242424242424242')
    expect(logged).not.toContain('=737')
    const key = h.account.configs.find((c) => c.key === 'secretKey')!.value
    expect(logged).not.toContain(key)
  })
})

describe('Stripe captures and cancels', () => {
  it('refuses to cancel a captured payment, which is refunded instead', async () => {
    const h = await harnessFor(stripeProfile)
    const payment = await h.paid()
    const res = await h.cancel(payment.paymentId)
    expect(res.status).toBe(422)
    expect(JSON.stringify(res.body)).toMatch(/refund/)
    expect((await h.get(payment.paymentId)).status).toBe('successful')
  })

  it('refunds what a partial capture took', async () => {
    const h = await harnessFor(stripeProfile)
    const payment = await h.paid({ capture: false })
    expect((await h.capture(payment.paymentId, '40.00')).body).toMatchObject({
      status: 'successful',
      capturedAmountMinor: 4000,
    })
    const refund = await h.refund(payment.paymentId)
    expect(refund.body).toMatchObject({ status: 'refunded', refundedAmountMinor: 4000 })
  })

  it('sends a lost refund again under the same key, so Stripe refunds once', async () => {
    const h = await harnessFor(stripeProfile)
    const payment = await h.paid()
    await armFault(h.account, 'refund', 'drop')
    expect((await h.refund(payment.paymentId, '25.00')).status).toBe(202)
    await ageRefunds(payment.paymentId, 10 * 60_000)
    await runCron()
    expect(await h.settled(payment.paymentId)).toMatchObject({
      status: 'partially_refunded',
      refundedAmountMinor: 2500,
    })
    const refunds = await atStripe(h, 'GET', `/v1/refunds?payment_intent=${payment.transactionId}`)
    expect(refunds.data).toHaveLength(1)
  })

  it('finds a payment whose create answer was lost without charging it twice', async () => {
    const h = await harnessFor(stripeProfile)
    await armFault(h.account, 'create', 'drop')
    const lost = await h.pay({ cardInfo: cardInfo('4242424242424242') })
    expect(lost.body.status).toBe('processing')
    await agePayment(lost.body.paymentId, 2 * 60 * 60_000)
    await runCron()
    expect(await h.get(lost.body.paymentId)).toMatchObject({
      status: 'successful',
      transactionId: expect.stringMatching(/^pi_/),
    })
    const query = encodeURIComponent(`metadata['gopay_payment_id']:'${lost.body.paymentId}'`)
    const found = await atStripe(h, 'GET', `/v1/payment_intents/search?query=${query}`)
    expect(found.data).toHaveLength(1)
  })
})

async function recurringParent(h: Harness, card: string) {
  const created = await h.pay({
    cardInfo: cardInfo(card),
    use3D: true,
    callbackUrl,
    recurring: true,
  })
  expect(created.body.status, JSON.stringify(created.body)).toBe('pending')
  await h.comeBack(await h.press(created.body.redirectUrl!, 'pass'))
  const parent = await h.get(created.body.paymentId)
  expect(parent).toMatchObject({ status: 'successful', recurring: 'active' })
  return parent
}

const chargeAgain = (h: Harness, paymentId: string) =>
  call<Record<string, unknown>>('POST', `/v1/payments/stripe/${paymentId}/recurrence`, {
    token: h.tenant.token,
    body: { amount: '15.00', currency: 'EUR' },
  })

describe('Stripe off-session charges', () => {
  it('charges a card set up with 3-D Secure without the shopper', async () => {
    const h = await harnessFor(stripeProfile)
    const parent = await recurringParent(h, '4000002500003155')
    const res = await chargeAgain(h, parent.paymentId)
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body).toMatchObject({ status: 'successful', parentPaymentId: parent.paymentId })
  })

  it('declines a card that asks for authentication on every charge', async () => {
    const h = await harnessFor(stripeProfile)
    const parent = await recurringParent(h, '4000002760003184')
    const res = await chargeAgain(h, parent.paymentId)
    expect(res.status, JSON.stringify(res.body)).toBe(402)
    expect(res.body).toMatchObject({ status: 'failed', declineCode: 'authentication_failed' })
  })
})
