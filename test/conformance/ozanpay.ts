/**
 * @module OzanPay in the conformance matrix (experimental adapter): a hosted checkout paid in TRY
 * on OzanPay's page. The status query finds a payment by the gateway's id (`referenceNo`); a
 * hosted payment whose create answer was lost never reached a shopper, so reconciliation fails it
 * once it expires. The server-to-server return is unsigned and only triggers a status query, so a
 * forged copy is acknowledged and changes nothing the status answer does not say. The simulator
 * sends it to the webhook route, not to `returnUrl` where the Laravel integration receives it: the
 * callback route answers 303 and spends its one-use state token, while the matrix expects a
 * delivered notification (and its duplicate) to be acknowledged with 200.
 */
import { callbackUrl } from './harness'
import type { ConformanceProfile } from './types'

export const ozanpayProfile: ConformanceProfile = {
  provider: 'ozanpay',
  amount: '100.00',
  currency: 'TRY',
  redirect: { callbackUrl },
  queriesStatus: true,
  lostCreate: { settledBy: 'reconciliation', status: 'failed' },
  // A 5xx after the request left may have opened the session: unknown, 202 processing.
  createServerError: 202,
  // Nothing to forge: the post is unsigned, and only OzanPay's status answer counts.
  forge: (genuine) => genuine,
  forgedStatus: 200,
}
