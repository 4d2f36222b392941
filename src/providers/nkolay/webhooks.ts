/**
 * @module The result post, received at `/v1/webhooks/nkolay`. Paynkolay documents the result only
 * as the form it posts to successUrl/failUrl, signed with `hashDataV2`; a copy that reaches the
 * webhook URL (a merchant-panel notification address: unverified for the card API, see
 * docs/providers/nkolay.md) is verified like the return and then only makes the gateway ask
 * PaymentList: the post is a "pre-approval" and does not decide by itself. So the return's gap
 * (a signed post of another payment, `CLIENT_REFERENCE_CODE` unsigned) decides nothing here: the
 * status query reads the found payment's own rows by its own `clientRefCode` and completes only
 * the reference those rows give. The post names its payment by the signed `REFERENCE_CODE`, and
 * by `CLIENT_REFERENCE_CODE` for a payment whose Payment answer (and so reference) was lost.
 */
import type {
  NotificationRequest,
  ProviderContext,
  ProviderWebhooks,
  WebhookNotification,
} from '../types'
import { settingsOf } from './client'
import { verifyResultHash } from './signing'

const PAYMENT_ID = /^pay_[0-9A-HJKMNP-TV-Z]{26}$/

function readForm(request: NotificationRequest): Record<string, string> | undefined {
  if (request.method !== 'POST') return undefined
  const form = Object.fromEntries(new URLSearchParams(request.rawBody))
  if (!form.REFERENCE_CODE || !form.RESPONSE_CODE || !form.hashDataV2) return undefined
  return form
}

export function parseNotification(request: NotificationRequest): WebhookNotification[] {
  const form = readForm(request)
  if (!form) return []
  const clientRef = form.CLIENT_REFERENCE_CODE ?? ''
  return [
    {
      eventId: `${form.REFERENCE_CODE}:${form.RESPONSE_CODE}`,
      providerPaymentId: form.REFERENCE_CODE,
      paymentId: PAYMENT_ID.test(clientRef) ? clientRef : undefined,
      change: { kind: 'query_status', signed: true },
    },
  ]
}

export const nkolayWebhooks: ProviderWebhooks = {
  methods: ['POST'],
  parse: parseNotification,
  async verify(ctx: ProviderContext, request: NotificationRequest) {
    const form = readForm(request)
    return form !== undefined && verifyResultHash(form, settingsOf(ctx).secretKey)
  },
  // Paynkolay documents no answer for its posts: a plain 200.
  acknowledgement: { status: 200, body: 'OK', contentType: 'text/plain' },
}
