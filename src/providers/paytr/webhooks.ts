/**
 * @module PayTR's payment notification ("Bildirim URL", set in the merchant panel under Destek &
 * Kurulum > Ayarlar; dev.paytr.com/direkt-api/direkt-api-2-adim, iframe-api-2-adim): a form POST
 * with `merchant_oid`, `status` (success | failed), `total_amount` (kuruş; 0 when failed),
 * `hash`, and unsigned `failed_reason_code`, `failed_reason_msg`, `test_mode`, `payment_type`,
 * `currency`, `payment_amount` (kuruş, the amount asked), `installment_count`. The answer must be
 * the plain text `OK`; without it PayTR sends the notification again, so each order's result is
 * applied once (event id: merchant_oid + status).
 */
import { DECLINE_MESSAGES } from '../../domain/decline-codes'
import type {
  NotificationRequest,
  PaymentOutcome,
  ProviderContext,
  ProviderWebhooks,
  WebhookNotification,
} from '../types'
import { settingsOf } from './client'
import { declineOfReason, fromKurus, isoCurrencyOf, paymentIdOf } from './mapping'
import { verifyNotificationHash } from './signing'

interface PaytrNotification {
  merchant_oid: string
  status: 'success' | 'failed'
  total_amount: string
  hash: string
  form: URLSearchParams
}

function readForm(request: NotificationRequest): PaytrNotification | undefined {
  if (request.method !== 'POST') return undefined
  const form = new URLSearchParams(request.rawBody)
  const [oid, status, total, hash] = ['merchant_oid', 'status', 'total_amount', 'hash'].map((k) =>
    form.get(k)
  )
  if (!oid || !/^[A-Za-z0-9]{1,64}$/.test(oid) || !total || !hash) return undefined
  if (status !== 'success' && status !== 'failed') return undefined
  return { merchant_oid: oid, status, total_amount: total, hash, form }
}

function outcomeOf(n: PaytrNotification): PaymentOutcome {
  const { form, merchant_oid: oid } = n
  if (n.status === 'success') {
    const currency = form.get('currency')
    const amount = form.get('payment_amount')
    return {
      kind: 'succeeded',
      status: 'successful',
      providerPaymentId: oid,
      // The amount asked; total_amount may be higher by an installment surcharge.
      amountMinor: amount === null ? undefined : fromKurus(amount),
      currency: currency === null ? undefined : isoCurrencyOf(currency),
    }
  }
  const code = form.get('failed_reason_code') ?? ''
  const message = form.get('failed_reason_msg') ?? ''
  const declineCode = declineOfReason(code, message)
  return {
    kind: 'declined',
    declineCode,
    message: message || DECLINE_MESSAGES[declineCode],
    providerCode: code ? `failed_reason_code_${code}` : 'failed',
    providerPaymentId: oid,
  }
}

export function parseNotification(request: NotificationRequest): WebhookNotification[] {
  const n = readForm(request)
  if (!n) return []
  return [
    {
      eventId: `${n.merchant_oid}:${n.status}`,
      providerPaymentId: n.merchant_oid,
      paymentId: paymentIdOf(n.merchant_oid),
      change: { kind: 'payment', outcome: outcomeOf(n) },
    },
  ]
}

export const paytrWebhooks: ProviderWebhooks = {
  methods: ['POST'],
  parse: parseNotification,
  async verify(ctx: ProviderContext, request: NotificationRequest) {
    const n = readForm(request)
    return n !== undefined && verifyNotificationHash(settingsOf(ctx), n)
  },
  acknowledgement: { status: 200, body: 'OK', contentType: 'text/plain' },
}
