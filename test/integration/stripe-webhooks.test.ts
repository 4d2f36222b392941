/**
 * Stripe events through `POST /v1/webhooks/stripe`: signed the way Stripe signs (checked with the
 * stripe package itself), refused without a configured signing secret or when too old, and the
 * changes only Stripe can report (a dispute, a refund or a cancel made in the Stripe Dashboard).
 */
import { env } from 'cloudflare:workers'
import Stripe from 'stripe'
import { describe, expect, it } from 'vitest'
import { encodeForm, type FormObject } from '../../src/providers/stripe/form'
import { callbackUrl, cardInfo, harnessFor } from '../conformance/harness'
import { openMerchant, SIMULATORS_ORIGIN, takeNotifications } from '../conformance/simulators'
import { stripeProfile } from '../conformance/stripe'
import type { OutgoingNotification } from '../conformance/types'
import { call } from '../helpers/http'
import { createPayingTenant } from '../helpers/payments'

const stripeNode = new Stripe('sk_test_unused')

const configOf = (configs: { key: string; value: string }[], key: string) =>
  configs.find((c) => c.key === key)!.value

/** Calls the simulated Stripe API as the merchant would from the Stripe Dashboard or its own code. */
async function atStripe(
  secretKey: string,
  method: 'GET' | 'POST',
  path: string,
  params: FormObject = {}
) {
  const res = await fetch(`${SIMULATORS_ORIGIN}/stripe${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${secretKey}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: method === 'POST' ? encodeForm(params) : undefined,
  })
  return { status: res.status, body: await res.json<Record<string, unknown>>() }
}

const deliverTo = (n: OutgoingNotification, headers: Record<string, string> = n.headers) =>
  call<Record<string, unknown>>('POST', new URL(n.url).pathname, { headers, rawBody: n.body })

const eventType = (n: OutgoingNotification) => (JSON.parse(n.body) as { type: string }).type

const statusOf = async (paymentId: string) =>
  (await env.DB.prepare('SELECT status FROM payments WHERE id = ?')
    .bind(paymentId)
    .first<{ status: string }>())!.status

async function paidOnStripePage() {
  const h = await harnessFor(stripeProfile)
  const created = await h.pay(stripeProfile.redirect)
  await h.press(created.body.redirectUrl!, 'pass')
  const sent = await takeNotifications(h.account)
  const succeeded = sent.find((n) => eventType(n) === 'payment_intent.succeeded')!
  return { h, paymentId: created.body.paymentId, succeeded }
}

describe('Stripe webhooks', () => {
  it('accepts an event signed by the stripe package with the endpoint secret, and answers {"received":true}', async () => {
    const { h, paymentId, succeeded } = await paidOnStripePage()
    const header = await stripeNode.webhooks.generateTestHeaderStringAsync({
      payload: succeeded.body,
      secret: configOf(h.account.configs, 'webhookSecret'),
    })
    const res = await deliverTo(succeeded, { ...succeeded.headers, 'Stripe-Signature': header })
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ received: true })
    expect(await statusOf(paymentId)).toBe('successful')
  })

  it('sends events the stripe package verifies (the simulator signs like Stripe)', async () => {
    const { h, succeeded } = await paidOnStripePage()
    const event = await stripeNode.webhooks.constructEventAsync(
      succeeded.body,
      succeeded.headers['Stripe-Signature']!,
      configOf(h.account.configs, 'webhookSecret')
    )
    expect(event.type).toBe('payment_intent.succeeded')
  })

  it('refuses an event signed with another secret, or older than five minutes', async () => {
    const { h, succeeded } = await paidOnStripePage()
    const resigned = async (secret: string, timestamp?: number) => ({
      ...succeeded.headers,
      'Stripe-Signature': await stripeNode.webhooks.generateTestHeaderStringAsync({
        payload: succeeded.body,
        secret,
        timestamp,
      }),
    })
    const stranger = await openMerchant('stripe', 'https://elsewhere.example/hooks')
    const secret = configOf(h.account.configs, 'webhookSecret')
    const otherSecret = configOf(stranger.configs, 'webhookSecret')
    expect((await deliverTo(succeeded, await resigned(otherSecret))).status).toBe(401)
    const stale = await resigned(secret, Math.floor(Date.now() / 1000) - 301)
    expect((await deliverTo(succeeded, stale)).status).toBe(401)
    expect((await deliverTo(succeeded, await resigned(secret))).status).toBe(200)
  })

  it('believes no event while no signing secret is configured', async () => {
    const tenant = await createPayingTenant()
    const account = await openMerchant('stripe', `${env.APP_URL}/v1/webhooks/stripe`)
    const stored = await call('POST', '/v1/config/tenant', {
      token: tenant.token,
      body: {
        provider: 'stripe',
        environment: 'test',
        configs: account.configs.filter((c) => c.key === 'secretKey'),
      },
    })
    expect(stored.status).toBe(200)
    const created = await call<{ paymentId: string; redirectUrl: string }>(
      'POST',
      '/v1/payments/stripe',
      {
        token: tenant.token,
        body: {
          amount: '10.00',
          currency: 'EUR',
          customer: { name: 'A', surname: 'B', email: 'a@example.com' },
          cardInfo: cardInfo('4000000000003220'),
          use3D: true,
          callbackUrl,
        },
      }
    )
    const [event] = await takeNotifications(account)
    expect((await deliverTo(event!)).status).toBe(401)
    expect(await statusOf(created.body.paymentId)).toBe('pending')
  })

  it('turns a dispute opened at Stripe into a chargeback', async () => {
    const h = await harnessFor(stripeProfile)
    const payment = await h.paid()
    await takeNotifications(h.account)
    const res = await fetch(`${SIMULATORS_ORIGIN}/stripe/__sim/dispute`, {
      method: 'POST',
      body: JSON.stringify({ merchant: h.account.merchant, paymentIntent: payment.transactionId }),
    })
    expect(res.status).toBe(200)
    const [dispute] = await takeNotifications(h.account)
    expect(eventType(dispute!)).toBe('charge.dispute.created')
    expect((await deliverTo(dispute!)).status).toBe(200)
    expect((await h.get(payment.paymentId)).status).toBe('chargeback')
  })

  it('books a refund made in the Stripe Dashboard, once', async () => {
    const h = await harnessFor(stripeProfile)
    const payment = await h.paid()
    await takeNotifications(h.account)
    const refund = await atStripe(configOf(h.account.configs, 'secretKey'), 'POST', '/v1/refunds', {
      payment_intent: payment.transactionId,
      amount: 3000,
    })
    expect(refund.status).toBe(200)
    const sent = await takeNotifications(h.account)
    expect(sent.map(eventType)).toEqual(['charge.refunded', 'refund.created'])
    expect(await h.deliver([...sent, ...sent])).toEqual([200, 200, 200, 200])
    expect(await h.get(payment.paymentId)).toMatchObject({
      status: 'partially_refunded',
      refundedAmountMinor: 3000,
    })
  })

  it('cancels a payment whose authorization was cancelled at Stripe', async () => {
    const h = await harnessFor(stripeProfile)
    const payment = await h.paid({ capture: false })
    await takeNotifications(h.account)
    await atStripe(
      configOf(h.account.configs, 'secretKey'),
      'POST',
      `/v1/payment_intents/${payment.transactionId}/cancel`
    )
    expect(await h.deliver()).toEqual([200])
    expect((await h.get(payment.paymentId)).status).toBe('cancelled')
  })
})
