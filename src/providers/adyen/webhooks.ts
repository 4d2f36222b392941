/**
 * @module Adyen's standard webhook at `/v1/webhooks/adyen`: a JSON batch
 * `{live, notificationItems: [{NotificationRequestItem}]}`, each item signed on its own with the
 * webhook's HMAC key, answered `[accepted]` once stored.
 * Docs: https://docs.adyen.com/development-resources/webhooks (accept webhooks),
 * https://docs.adyen.com/development-resources/webhooks/verify-hmac-signatures
 */
import { parseJson } from '../http'
import type {
  NotificationRequest as IncomingRequest,
  ProviderWebhooks,
  WebhookNotification,
} from '../types'
import { eventIdOf, notificationOf } from './notifications'
import { HMAC_SIGNATURE_FIELD, verifyItemSignature } from './signing'
import { NotificationRequest, NotificationRequestItem } from './wire'

interface ReadBatch {
  live: 'true' | 'false'
  items: NotificationRequestItem[]
}

/** The batch's readable items; an item Adyen's schema does not describe is skipped. */
function readBatch(rawBody: string): ReadBatch | undefined {
  const batch = NotificationRequest.safeParse(parseJson(rawBody))
  if (!batch.success) return undefined
  const items = batch.data.notificationItems.flatMap(({ NotificationRequestItem: raw }) => {
    const item = NotificationRequestItem.safeParse(raw)
    return item.success ? [item.data] : []
  })
  return { live: batch.data.live, items }
}

export const adyenWebhooks: ProviderWebhooks = {
  methods: ['POST'],

  parse(request: IncomingRequest): WebhookNotification[] {
    return readBatch(request.rawBody)?.items.map(notificationOf) ?? []
  },

  async verify(ctx, request, notification) {
    const hmacKey = ctx.config.hmacKey
    if (!hmacKey) return false
    const batch = readBatch(request.rawBody)
    // A test notification must not move a live payment, nor the other way round.
    if (!batch || (batch.live === 'true') !== (ctx.environment === 'production')) return false
    // Every item read as this notification must hold its own signature: a signed item must not
    // vouch for another in the batch that repeats its event code, reference and success.
    const items = batch.items.filter((candidate) => eventIdOf(candidate) === notification.eventId)
    if (items.length === 0) return false
    for (const item of items) {
      if (item.merchantAccountCode !== ctx.config.merchantAccount) return false
      const signature = item.additionalData?.[HMAC_SIGNATURE_FIELD]
      if (!(await verifyItemSignature(hmacKey, item, signature))) return false
    }
    return true
  },

  acknowledgement: { status: 200, body: '[accepted]', contentType: 'text/plain' },
}
