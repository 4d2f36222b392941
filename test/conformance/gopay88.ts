/**
 * @module GoPay88's row of the conformance matrix: hosted collection in yuan, status by
 * `orderquery`, notifications signed by the platform key over the raw charge. A create whose
 * answer was lost leaves a waiting order the shopper never saw; reconciliation fails it once the
 * payment expired.
 */
import { callbackUrl } from './harness'
import type { ConformanceProfile } from './types'

export const gopay88Profile: ConformanceProfile = {
  provider: 'gopay88',
  amount: '100.00',
  currency: 'CNY',
  redirect: { callbackUrl },
  queriesStatus: true,
  lostCreate: { settledBy: 'reconciliation', status: 'failed' },
  createServerError: 202,
  // The matrix already moved the notification to another payment: the signature no longer holds.
  forge: (genuine) => genuine,
  forgedStatus: 401,
}
