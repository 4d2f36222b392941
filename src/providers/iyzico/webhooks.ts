/**
 * @module iyzico webhooks at `POST /v1/webhooks/iyzico` (the URL set in the merchant panel,
 * Settings → Merchant Settings → Merchant Notifications). Two formats
 * (https://docs.iyzico.com/en/advanced/webhook; iyzipay-php@168839f
 * `samples/webhook_Signature_Validation.php`):
 * - direct API (non-3-D and 3-D Secure payments): `paymentConversationId`, `merchantId`,
 *   `paymentId`, `status`, `iyziReferenceCode`, `iyziEventType`, `iyziEventTime`, `iyziPaymentId`;
 *   `X-IYZ-SIGNATURE-V3 = HMAC(secretKey, secretKey + iyziEventType + paymentId + paymentConversationId + status)`;
 * - checkout form and Pay with iyzico: the same with `token` instead of `paymentId`;
 *   `X-IYZ-SIGNATURE-V3 = HMAC(secretKey, secretKey + iyziEventType + iyziPaymentId + token + paymentConversationId + status)`.
 * A notification says SUCCESS or FAILURE but neither the amount nor whether a sale or a
 * pre-authorization was made, and a checkout form failure leaves the form open for another card;
 * so a verified payment notification makes the gateway ask iyzico (`status.ts`), whose answer
 * decides: iyzico's docs use the webhook the same way, as the token or payment id to look up.
 * `CALLBACK_THREEDS` (the bank answered, the shopper did not come back) is completed that way.
 * iyzico retries until it gets a 2xx answer; the acknowledgement is an empty 200.
 */
import * as z from 'zod'
import { parseJson } from '../http'
import type { ProviderWebhooks, WebhookChange } from '../types'
import { sameSignature, webhookSignature } from './signing'

export const SIGNATURE_HEADER = 'X-IYZ-SIGNATURE-V3'

const Id = z.union([z.string(), z.number()]).transform(String)

export const Notification = z.object({
  paymentConversationId: z.string().nullish(),
  merchantId: z.union([z.string(), z.number()]).nullish(),
  paymentId: Id.nullish(),
  iyziPaymentId: Id.nullish(),
  token: z.string().nullish(),
  status: z.string(),
  iyziReferenceCode: z.string().nullish(),
  iyziEventType: z.string(),
  iyziEventTime: z.union([z.number(), z.string()]).nullish(),
})
export type Notification = z.infer<typeof Notification>

/** The `status` values that settle a payment and ask for a status query; the rest are progress. */
const SETTLING_STATUSES = ['SUCCESS', 'FAILURE', 'CALLBACK_THREEDS']

/**
 * The fields the V3 signature covers, in order, for the notification's format. The direct format
 * carries the payment's id twice (`paymentId`, `iyziPaymentId`, equal in the docs' sample); the
 * one present is used.
 */
export const signedFields = (n: Notification) =>
  n.token
    ? [n.iyziEventType, n.iyziPaymentId ?? n.paymentId, n.token, n.paymentConversationId, n.status]
    : [n.iyziEventType, n.paymentId ?? n.iyziPaymentId, n.paymentConversationId, n.status]

/**
 * iyzico repeats a notification with the same `iyziReferenceCode` until it is acknowledged; one
 * without it is named by what it says, so distinct notifications never share an id.
 */
const eventIdOf = (n: Notification) =>
  n.iyziReferenceCode ||
  ['fields', ...signedFields(n), n.iyziEventTime].map((v) => (v == null ? '' : String(v))).join(':')

function changeOf(n: Notification): WebhookChange {
  if (!SETTLING_STATUSES.includes(n.status))
    return { kind: 'ignored', reason: `${n.iyziEventType} ${n.status} is not final` }
  if (n.iyziEventType.startsWith('REFUND_') || n.iyziEventType === 'BALANCE')
    return { kind: 'ignored', reason: `${n.iyziEventType} is not used by the gateway` }
  return { kind: 'query_status', signed: true }
}

export const iyzicoWebhooks: ProviderWebhooks = {
  methods: ['POST'],

  parse(request) {
    const parsed = Notification.safeParse(parseJson(request.rawBody))
    if (!parsed.success) return []
    const n = parsed.data
    return [
      {
        eventId: eventIdOf(n),
        paymentId: n.paymentConversationId ?? undefined,
        providerPaymentId: n.paymentId ?? n.iyziPaymentId ?? undefined,
        change: changeOf(n),
      },
    ]
  },

  async verify(ctx, request) {
    const secretKey = ctx.config.secretKey
    const parsed = Notification.safeParse(parseJson(request.rawBody))
    if (!secretKey || !parsed.success) return false
    const expected = await webhookSignature(secretKey, signedFields(parsed.data))
    return sameSignature(expected, request.headers.get(SIGNATURE_HEADER))
  },

  acknowledgement: { status: 200, body: '', contentType: 'text/plain' },
}
