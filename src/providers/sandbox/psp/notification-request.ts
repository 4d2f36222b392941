/**
 * @module One send of a sandbox PSP notification to the gateway's `POST /v1/webhooks/sandbox`,
 * signed at the moment it is sent: like a real PSP, every retry carries a fresh timestamp, so a
 * notification retried or held in a queue backlog past the 5-minute tolerance still verifies.
 */
import { internalRequest } from '../../../http/internal-requests'
import {
  deriveMerchantSecret,
  HEADER_MERCHANT,
  HEADER_SIGNATURE,
  HEADER_TIMESTAMP,
  signRequest,
} from '../signing'

export const SANDBOX_NOTIFICATION_URL = 'https://gateway.internal/v1/webhooks/sandbox'

export async function signedNotificationRequest(
  sandboxKey: CryptoKey,
  notification: { merchantId: string; body: string },
  nowMs: number
): Promise<Request> {
  const secret = await deriveMerchantSecret(sandboxKey, notification.merchantId)
  const timestamp = Math.floor(nowMs / 1000)
  return internalRequest(SANDBOX_NOTIFICATION_URL, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      [HEADER_MERCHANT]: notification.merchantId,
      [HEADER_TIMESTAMP]: String(timestamp),
      [HEADER_SIGNATURE]: await signRequest(secret, timestamp, notification.body),
    },
    body: notification.body,
  })
}
