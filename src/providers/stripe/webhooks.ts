/**
 * @module Stripe webhook events at `POST /v1/webhooks/stripe`: read without trust (the event's
 * object names the PaymentIntent and, through its metadata, the gateway's payment), verified with
 * the endpoint's signing secret (`signing.ts`), acknowledged with 200 `{"received":true}`.
 * Events handled are listed in `HANDLED_EVENTS`; any other type is acknowledged and ignored.
 * Docs: https://docs.stripe.com/webhooks, https://docs.stripe.com/api/events/types.
 */
import * as z from 'zod'
import { parseJson } from '../http'
import type { ProviderWebhooks, WebhookChange, WebhookNotification } from '../types'
import { PAYMENT_ID_METADATA } from './intents'
import { fromStripeAmount, fromStripeCurrency } from './mapping'
import { Charge, Dispute, PaymentIntent, Refund } from './objects'
import { REFUND_ID_METADATA } from './operations'
import { outcomeOfIntent } from './outcomes'
import { SIGNATURE_HEADER, verifySignatureHeader } from './signing'

/** What each handled event type is about; the rest are acknowledged and ignored. */
export const HANDLED_EVENTS = {
  'payment_intent.succeeded': 'intent',
  'payment_intent.payment_failed': 'intent',
  'payment_intent.canceled': 'intent',
  'payment_intent.amount_capturable_updated': 'intent',
  'payment_intent.requires_action': 'intent',
  // Stripe is still working on it; the final event follows.
  'payment_intent.processing': 'ignore',
  'charge.refunded': 'charge_refund',
  'refund.created': 'refund',
  'refund.updated': 'refund',
  'refund.failed': 'refund',
  'charge.dispute.created': 'dispute',
} as const satisfies Record<string, 'intent' | 'ignore' | 'charge_refund' | 'refund' | 'dispute'>
type HandledEvent = keyof typeof HANDLED_EVENTS

const Event = z.object({
  id: z.string(),
  object: z.literal('event'),
  type: z.string(),
  data: z.object({ object: z.unknown() }),
})

const isHandled = (type: string): type is HandledEvent => Object.hasOwn(HANDLED_EVENTS, type)

type About = Pick<WebhookNotification, 'providerPaymentId' | 'paymentId'>

function refundChange(refund: Refund): WebhookChange {
  const reference = refund.metadata[REFUND_ID_METADATA]
  switch (refund.status) {
    case 'succeeded':
      return {
        kind: 'refund',
        amountMinor: fromStripeAmount(refund.amount, fromStripeCurrency(refund.currency)),
        providerRefundId: refund.id,
        reference,
      }
    case 'failed':
    case 'canceled':
      return {
        kind: 'operation_failed',
        operation: 'refund',
        reason: `Stripe refund ${refund.status}: ${refund.failure_reason ?? 'no reason given'}`,
        reference: reference ?? refund.id,
        providerReference: refund.id,
      }
    case 'pending':
    case 'requires_action':
      return { kind: 'ignored', reason: `refund ${refund.status}; a refund.updated event follows` }
  }
}

/** The change an event describes and the payment it is about; undefined when unreadable. */
function changeOf(
  type: HandledEvent,
  object: unknown
): { about: About; change: WebhookChange } | undefined {
  switch (HANDLED_EVENTS[type]) {
    case 'intent':
    case 'ignore': {
      const intent = PaymentIntent.safeParse(object)
      if (!intent.success) return undefined
      const about = {
        providerPaymentId: intent.data.id,
        paymentId: intent.data.metadata[PAYMENT_ID_METADATA],
      }
      return HANDLED_EVENTS[type] === 'ignore'
        ? { about, change: { kind: 'ignored', reason: `${type}: the final event follows` } }
        : { about, change: { kind: 'payment', outcome: outcomeOfIntent(intent.data) } }
    }
    case 'charge_refund': {
      const charge = Charge.safeParse(object)
      if (!charge.success) return undefined
      const about = { providerPaymentId: charge.data.payment_intent ?? undefined }
      // Since API version 2022-11-15 the charge no longer lists its refunds: `refund.created`
      // carries the refund itself.
      const latest = charge.data.refunds?.data[0]
      return {
        about,
        change: latest
          ? refundChange(latest)
          : { kind: 'ignored', reason: 'refund.created carries the refund' },
      }
    }
    case 'refund': {
      const refund = Refund.safeParse(object)
      if (!refund.success) return undefined
      return {
        about: { providerPaymentId: refund.data.payment_intent ?? undefined },
        change: refundChange(refund.data),
      }
    }
    case 'dispute': {
      const dispute = Dispute.safeParse(object)
      if (!dispute.success) return undefined
      return {
        about: { providerPaymentId: dispute.data.payment_intent ?? undefined },
        change: {
          kind: 'chargeback',
          amountMinor: fromStripeAmount(
            dispute.data.amount,
            fromStripeCurrency(dispute.data.currency)
          ),
        },
      }
    }
  }
}

export const stripeWebhooks: ProviderWebhooks = {
  methods: ['POST'],

  parse(request) {
    const event = Event.safeParse(parseJson(request.rawBody))
    if (!event.success) return []
    const { id, type, data } = event.data
    if (!isHandled(type)) {
      // Still tied to its payment where the object says which, so it can be verified and acknowledged.
      const object = z
        .object({
          id: z.string(),
          object: z.string(),
          payment_intent: z.string().nullish(),
          metadata: z.record(z.string(), z.string()).nullish(),
        })
        .safeParse(data.object)
      const intentId = object.success
        ? object.data.object === 'payment_intent'
          ? object.data.id
          : (object.data.payment_intent ?? undefined)
        : undefined
      return [
        {
          eventId: id,
          providerPaymentId: intentId,
          paymentId: object.success
            ? (object.data.metadata?.[PAYMENT_ID_METADATA] ?? undefined)
            : undefined,
          change: { kind: 'ignored', reason: `${type} is not used by the gateway` },
        },
      ]
    }
    let read: ReturnType<typeof changeOf>
    try {
      read = changeOf(type, data.object)
    } catch (error) {
      // An amount in a currency the gateway does not know (`exponentOf`): no payment of ours.
      if (error instanceof RangeError) return []
      throw error
    }
    return read ? [{ eventId: id, ...read.about, change: read.change }] : []
  },

  verify(ctx, request) {
    const secret = ctx.config.webhookSecret
    // Without a configured signing secret nothing can be verified, so nothing is believed.
    if (!secret) return Promise.resolve(false)
    return verifySignatureHeader(
      secret,
      request.headers.get(SIGNATURE_HEADER),
      request.rawBody,
      ctx.deps.now()
    )
  },

  acknowledgement: { status: 200, body: '{"received":true}', contentType: 'application/json' },
}
