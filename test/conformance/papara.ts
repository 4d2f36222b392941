/**
 * @module Papara's row of the conformance matrix: a wallet checkout page (no card data) paid in
 * TRY, status by `GET /payments?id=` or by our reference, full refunds only, and IPN notifications
 * recognised by the merchant secret key in their body. The status query finds a payment by our
 * reference, but a lost create answer means the shopper never got the page: reconciliation fails
 * it once it expires.
 */
import { callbackUrl } from './harness'
import type { ConformanceProfile } from './types'

export const paparaProfile: ConformanceProfile = {
  provider: 'papara',
  amount: '100.00',
  currency: 'TRY',
  redirect: { callbackUrl },
  // Papara has no failed status: a shopper who left may pay within the hour Papara keeps it open.
  leftPage: 'pending',
  queriesStatus: true,
  lostCreate: { settledBy: 'reconciliation', status: 'failed' },
  // Papara's system error may come after the payment was made: processing until asked.
  createServerError: 202,
  // Unsigned: a forger does not know the merchant secret key the genuine body carries.
  forge: (genuine) => ({
    ...genuine,
    body: genuine.body.replace(/"merchantSecretKey":"[^"]*"/, '"merchantSecretKey":"forged"'),
  }),
  forgedStatus: 401,
}
