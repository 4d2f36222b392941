import Stripe from 'stripe'
import { describe, expect, it } from 'vitest'
import type { NotificationRequest } from '../types'
import { cannedStripe, intent, NOW_MS, refundObject, WEBHOOK_SECRET } from './canned'
import { generateTestHeader } from './signing'
import { stripeWebhooks as webhooks } from './webhooks'

const event = (type: string, object: unknown) =>
  JSON.stringify({
    id: 'evt_1Canned',
    object: 'event',
    api_version: '2026-11-18.endive',
    created: NOW_MS / 1000,
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  })

const request = (rawBody: string, signature?: string): NotificationRequest => ({
  method: 'POST',
  rawBody,
  headers: new Headers(signature ? { 'Stripe-Signature': signature } : {}),
  query: new URLSearchParams(),
})

const parse = (type: string, object: unknown) => webhooks.parse(request(event(type, object)))

describe('Stripe webhook events', () => {
  it('reads a succeeded intent as a successful payment of the gateway payment it names', () => {
    expect(parse('payment_intent.succeeded', intent())).toEqual([
      {
        eventId: 'evt_1Canned',
        providerPaymentId: 'pi_3Canned',
        paymentId: 'pay_canned',
        change: {
          kind: 'payment',
          outcome: expect.objectContaining({ kind: 'succeeded', status: 'successful' }),
        },
      },
    ])
  })

  it.each([
    [
      'payment_intent.payment_failed',
      intent({
        status: 'requires_payment_method',
        last_payment_error: {
          type: 'card_error',
          code: 'card_declined',
          decline_code: 'stolen_card',
          message: 'Your card was declined.',
        },
      }),
      { kind: 'declined', declineCode: 'fraud_suspected' },
    ],
    ['payment_intent.canceled', intent({ status: 'canceled' }), { kind: 'cancelled' }],
    [
      'payment_intent.amount_capturable_updated',
      intent({ status: 'requires_capture', amount_capturable: 10000, amount_received: 0 }),
      { kind: 'succeeded', status: 'authorized' },
    ],
    [
      'payment_intent.requires_action',
      intent({
        status: 'requires_action',
        next_action: {
          type: 'redirect_to_url',
          redirect_to_url: { url: 'https://hooks.stripe.com/x' },
        },
      }),
      { kind: 'pending', redirectUrl: 'https://hooks.stripe.com/x' },
    ],
  ])('reads %s', (type, object, outcome) => {
    const [notification] = parse(type, object)
    expect(notification!.change).toEqual({
      kind: 'payment',
      outcome: expect.objectContaining(outcome),
    })
  })

  it('reads a refund with the gateway refund id it was made under', () => {
    const [created] = parse('refund.created', refundObject())
    expect(created).toMatchObject({
      providerPaymentId: 'pi_3Canned',
      change: {
        kind: 'refund',
        amountMinor: 2500,
        providerRefundId: 're_3Canned',
        reference: 'ref_canned',
      },
    })
    const [pending] = parse('refund.updated', refundObject({ status: 'pending' }))
    expect(pending!.change.kind).toBe('ignored')
    const [failed] = parse(
      'refund.failed',
      refundObject({ status: 'failed', failure_reason: 'expired_or_canceled_card' })
    )
    expect(failed!.change).toMatchObject({
      kind: 'operation_failed',
      operation: 'refund',
      reference: 'ref_canned',
    })
  })

  it('reads a refund whose metadata Stripe sends as null (a refund made in the Dashboard)', () => {
    const [created] = parse('refund.created', refundObject({ metadata: null }))
    expect(created!.change).toEqual({
      kind: 'refund',
      amountMinor: 2500,
      providerRefundId: 're_3Canned',
      reference: undefined,
    })
  })

  it('books charge.refunded only when the charge lists the refund', () => {
    const charge = {
      id: 'ch_3Canned',
      object: 'charge',
      payment_intent: 'pi_3Canned',
      metadata: {},
    }
    expect(parse('charge.refunded', charge)[0]!.change.kind).toBe('ignored')
    const listed = { ...charge, refunds: { object: 'list', data: [refundObject()] } }
    expect(parse('charge.refunded', listed)[0]!.change).toMatchObject({
      kind: 'refund',
      amountMinor: 2500,
    })
  })

  it('reads a dispute as a chargeback', () => {
    const dispute = {
      id: 'dp_1',
      object: 'dispute',
      amount: 10000,
      currency: 'eur',
      charge: 'ch_3Canned',
      payment_intent: 'pi_3Canned',
      reason: 'fraudulent',
      status: 'needs_response',
    }
    expect(parse('charge.dispute.created', dispute)).toMatchObject([
      { providerPaymentId: 'pi_3Canned', change: { kind: 'chargeback', amountMinor: 10000 } },
    ])
  })

  it('acknowledges and ignores other events, still tied to their payment', () => {
    expect(
      parse('payment_intent.created', intent({ status: 'requires_confirmation' }))
    ).toMatchObject([
      { providerPaymentId: 'pi_3Canned', paymentId: 'pay_canned', change: { kind: 'ignored' } },
    ])
    expect(
      parse('payment_intent.processing', intent({ status: 'processing' }))[0]!.change.kind
    ).toBe('ignored')
    expect(parse('customer.created', { id: 'cus_1', object: 'customer' })[0]!.change.kind).toBe(
      'ignored'
    )
    expect(webhooks.parse(request('not json'))).toEqual([])
    expect(webhooks.acknowledgement).toEqual({
      status: 200,
      body: '{"received":true}',
      contentType: 'application/json',
    })
  })
})

describe('Stripe webhook verification', () => {
  const body = event('payment_intent.succeeded', intent())

  it('accepts what Stripe signs and refuses a changed copy', async () => {
    const { ctx } = cannedStripe()
    const signature = await generateTestHeader({
      payload: body,
      secret: WEBHOOK_SECRET,
      timestamp: NOW_MS / 1000,
    })
    const [notification] = webhooks.parse(request(body, signature))
    expect(await webhooks.verify(ctx, request(body, signature), notification!)).toBe(true)
    const changed = body.replace('pay_canned', 'pay_other')
    expect(await webhooks.verify(ctx, request(changed, signature), notification!)).toBe(false)
  })

  it('accepts a header the stripe package generates for the endpoint secret', async () => {
    const { ctx } = cannedStripe()
    const signature = await new Stripe('sk_test_x').webhooks.generateTestHeaderStringAsync({
      payload: body,
      secret: WEBHOOK_SECRET,
      timestamp: NOW_MS / 1000,
    })
    const [notification] = webhooks.parse(request(body, signature))
    expect(await webhooks.verify(ctx, request(body, signature), notification!)).toBe(true)
  })

  it('believes nothing without a configured signing secret', async () => {
    const { ctx } = cannedStripe()
    const signature = await generateTestHeader({
      payload: body,
      secret: WEBHOOK_SECRET,
      timestamp: NOW_MS / 1000,
    })
    const [notification] = webhooks.parse(request(body, signature))
    const unconfigured = { ...ctx, config: { secretKey: ctx.config.secretKey! } }
    expect(await webhooks.verify(unconfigured, request(body, signature), notification!)).toBe(false)
  })
})
