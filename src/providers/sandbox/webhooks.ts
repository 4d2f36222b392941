/**
 * @module Notifications from the sandbox PSP: signed like its API requests (merchant, timestamp,
 * HMAC over timestamp + body), carrying the charge as it now is, plus the refund or dispute.
 */
import * as z from 'zod'
import { DECLINE_CODES, DECLINE_MESSAGES } from '../../domain/decline-codes'
import { parseJson } from '../http'
import type { PaymentOutcome, ProviderWebhooks, WebhookNotification } from '../types'
import { CHARGE_STATUSES, GATEWAY_STATUS_OF } from './mapping'
import { HEADER_SIGNATURE, HEADER_TIMESTAMP, verifyRequest } from './signing'

/** The notification types the sandbox PSP sends. */
export const SANDBOX_EVENT_TYPES = [
  'charge.succeeded',
  'charge.authorized',
  'charge.failed',
  'charge.canceled',
  'charge.refunded',
  'charge.dispute.created',
] as const

export const SandboxCharge = z.object({
  id: z.string(),
  reference: z.string(),
  status: z.enum(CHARGE_STATUSES),
  amount: z.number().int(),
  captured_amount: z.number().int(),
  currency: z.string(),
  decline_code: z.enum(DECLINE_CODES).nullable(),
  next_action: z.object({ redirect_url: z.string() }).nullable(),
})
export type SandboxCharge = z.infer<typeof SandboxCharge>

const Notification = z.object({
  id: z.string(),
  type: z.enum(SANDBOX_EVENT_TYPES),
  created: z.number().int(),
  data: z.object({
    object: SandboxCharge,
    refund: z
      .object({ id: z.string(), amount: z.number().int(), reference: z.string() })
      .optional(),
    dispute: z.object({ amount: z.number().int(), reason: z.string() }).optional(),
  }),
})

/** What a charge's state means for the payment. */
export function outcomeOfCharge(charge: SandboxCharge): PaymentOutcome {
  const status = GATEWAY_STATUS_OF[charge.status]
  switch (status) {
    case 'pending':
      return {
        kind: 'pending',
        redirectUrl: charge.next_action?.redirect_url ?? '',
        providerPaymentId: charge.id,
      }
    case 'successful':
    case 'authorized':
      return {
        kind: 'succeeded',
        status,
        providerPaymentId: charge.id,
        amountMinor: charge.amount,
        currency: charge.currency,
        capturedMinor: charge.captured_amount,
      }
    case 'failed': {
      const declineCode = charge.decline_code ?? 'card_declined'
      return {
        kind: 'declined',
        declineCode,
        message: DECLINE_MESSAGES[declineCode],
        providerPaymentId: charge.id,
      }
    }
    case 'cancelled':
      return { kind: 'cancelled', providerPaymentId: charge.id }
  }
}

function parseNotification(rawBody: string): WebhookNotification | undefined {
  const parsed = Notification.safeParse(parseJson(rawBody))
  if (!parsed.success) return undefined
  const { id, type, data } = parsed.data
  const about = {
    eventId: id,
    providerPaymentId: data.object.id,
    paymentId: data.object.reference,
  }
  switch (type) {
    case 'charge.refunded':
      return data.refund
        ? {
            ...about,
            change: {
              kind: 'refund',
              amountMinor: data.refund.amount,
              providerRefundId: data.refund.id,
              reference: data.refund.reference,
            },
          }
        : undefined
    case 'charge.dispute.created':
      return { ...about, change: { kind: 'chargeback', amountMinor: data.dispute?.amount } }
    default:
      return { ...about, change: { kind: 'payment', outcome: outcomeOfCharge(data.object) } }
  }
}

export const sandboxWebhooks: ProviderWebhooks = {
  methods: ['POST'],
  parse: ({ rawBody }) => {
    const notification = parseNotification(rawBody)
    return notification ? [notification] : []
  },

  verify(ctx, { rawBody, headers }) {
    const secret = ctx.config.secret
    if (!secret) return Promise.resolve(false)
    return verifyRequest(
      secret,
      {
        timestamp: headers.get(HEADER_TIMESTAMP) ?? undefined,
        signature: headers.get(HEADER_SIGNATURE) ?? undefined,
      },
      rawBody,
      ctx.deps.now()
    )
  },

  acknowledgement: { status: 200, body: '{"received":true}', contentType: 'application/json' },
}
