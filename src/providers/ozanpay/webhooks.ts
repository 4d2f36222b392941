/**
 * @module OzanPay's server-to-server return: the Laravel integration receives the return fields
 * (`referenceNo`, `amountProcessed`, `status`, `message`, `transactionId`) as a form POST from
 * OzanPay's own address at its `returnUrl` (where the gateway's callback route handles it as a
 * return) and authenticates it by that source IP alone. This route takes the same post for a
 * panel that lets the merchant set a separate URL. No source documents a
 * signature (a SHA-256 "checksum" appears only in one unverified third-party adapter), so the POST
 * only says "ask me": the gateway asks the status API and the answer alone decides.
 */
import type { NotificationRequest, ProviderWebhooks, WebhookNotification } from '../types'

const REFERENCE = /^[A-Za-z0-9_-]{1,64}$/

export function parseNotification(request: NotificationRequest): WebhookNotification[] {
  if (request.method !== 'POST') return []
  const fields = new URLSearchParams(request.rawBody)
  const referenceNo = fields.get('referenceNo') ?? ''
  if (!REFERENCE.test(referenceNo)) return []
  const transactionId = fields.get('transactionId') || undefined
  return [
    {
      eventId: '',
      paymentId: referenceNo,
      ...(transactionId ? { providerPaymentId: transactionId } : {}),
      change: { kind: 'query_status' },
    },
  ]
}

export const ozanpayWebhooks: ProviderWebhooks = {
  methods: ['POST'],
  parse: parseNotification,
  // Nothing in the request can be checked: only the status query is believed.
  verify: () => Promise.resolve(false),
  acknowledgement: { status: 200, body: 'OK', contentType: 'text/plain' },
}
