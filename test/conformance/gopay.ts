/**
 * @module GoPay CZ in the conformance matrix: a hosted gateway (no card data), paid in CZK on
 * GoPay's page. Its status API settles a shopper who never came back; its notifications are
 * unsigned `GET ?id=` that only trigger a status query, so a forged copy is acknowledged and
 * changes nothing the status answer does not say.
 */
import { callbackUrl } from './harness'
import type { ConformanceProfile } from './types'

export const gopayProfile: ConformanceProfile = {
  provider: 'gopay',
  amount: '100.00',
  currency: 'CZK',
  redirect: { callbackUrl },
  queriesStatus: true,
  // GoPay cannot be asked without its id (no lookup by order number), and a hosted payment whose
  // create answer was lost never reached a shopper: the gateway fails it once it expires.
  lostCreate: { settledBy: 'reconciliation', status: 'failed' },
  // A 5xx after the request left may have created the payment: unknown, 202 processing.
  createServerError: 202,
  // Nothing to forge: the notification is unsigned, and only GoPay's status answer counts.
  forge: (genuine) => genuine,
  forgedStatus: 200,
}
