/**
 * @module GoPay's notifications: on every state change except to CREATED and
 * PAYMENT_METHOD_CHOSEN, GoPay sends `GET <notification_url>?id=<payment id>` (plus `parent_id`
 * for a recurring charge), with no body and no signature (doc "Odeslání notifikace"). It only
 * says "ask me": the gateway asks `GET /payments/payment/{id}` and the answer alone decides.
 * GoPay expects HTTP 200 and retries otherwise.
 */
import type { NotificationRequest, ProviderWebhooks, WebhookNotification } from '../types'

export function parseNotification(request: NotificationRequest): WebhookNotification[] {
  const id = request.query.get('id') ?? ''
  if (request.method !== 'GET' || !/^\d{1,19}$/.test(id)) return []
  return [{ eventId: '', providerPaymentId: id, change: { kind: 'query_status' } }]
}

export const gopayWebhooks: ProviderWebhooks = {
  methods: ['GET'],
  parse: parseNotification,
  // Nothing in the request can be checked: only the status query is believed.
  verify: () => Promise.resolve(false),
  acknowledgement: { status: 200, body: '', contentType: 'text/plain' },
}
