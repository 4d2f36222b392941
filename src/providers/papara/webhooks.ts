/**
 * @module Papara's payment notifications (IPN): once a payment completes, Papara POSTs the payment
 * as JSON (the `data` of the create answer, `merchantSecretKey` included) to the `notificationUrl`
 * of the payment, and repeats it for 24 hours until it gets 200 (node SDK README "Validating
 * Payment Result"). There is no signature: Papara's own integrations accept one only when its
 * `merchantSecretKey` equals the key on the merchant panel (papara-woocommerce
 * `woocommerce-papara.php`, php-sample `redirect.php`) and then check it against `GET
 * /payments?id=`. Here the key is compared in constant time (a tenant without one configured has
 * every notification refused), and a genuine notification is a `query_status` change: the status
 * answer, with its amount and currency, decides, never the body.
 */
import { digest, timingSafeEqual } from '../../crypto/hash'
import { parseJson } from '../http'
import type { NotificationRequest, ProviderWebhooks, WebhookNotification } from '../types'
import { PaparaPayment } from './wire'

const read = (request: NotificationRequest) => {
  const parsed = PaparaPayment.safeParse(parseJson(request.rawBody))
  return parsed.success ? parsed.data : undefined
}

export function parseNotification(request: NotificationRequest): WebhookNotification[] {
  const payment = request.method === 'POST' ? read(request) : undefined
  if (!payment) return []
  return [
    {
      // Papara repeats the same notification until it is acknowledged.
      eventId: `${payment.id}:${payment.status}`,
      providerPaymentId: payment.id,
      paymentId: payment.referenceId,
      change: { kind: 'query_status', signed: true },
    },
  ]
}

export async function verifyNotification(
  configured: string | undefined,
  request: NotificationRequest
): Promise<boolean> {
  const given = read(request)?.merchantSecretKey
  if (!configured || !given) return false
  // Digests first, so neither the comparison nor its length check depends on the key's bytes.
  const [left, right] = await Promise.all([digest('SHA-256', given), digest('SHA-256', configured)])
  return timingSafeEqual(left, right)
}

export const paparaWebhooks: ProviderWebhooks = {
  methods: ['POST'],
  parse: parseNotification,
  verify: (ctx, request) => verifyNotification(ctx.config.merchantSecretKey, request),
  acknowledgement: { status: 200, body: '', contentType: 'text/plain' },
}
