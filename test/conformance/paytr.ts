/**
 * @module PayTR in the conformance matrix: TRY card payments through the Direct API (non-3-D with
 * `sync_mode=1`: an immediate answer) with PayTR's documented test card and two simulator cards
 * that decline; the redirect scenarios use the iFrame API (PayTR's hosted page). PayTR signs every
 * payment with the shopper's IP, so every payment here carries one. The status query finds an
 * order by our own `merchant_oid`, so a lost create answer is settled by reconciliation.
 */
import { callbackUrl, customer } from './harness'
import type { ConformanceProfile } from './types'

export const paytrProfile: ConformanceProfile = {
  provider: 'paytr',
  amount: '100.00',
  currency: 'TRY',
  body: { customer: { ...customer, ipAddress: '85.34.78.112' } },
  cards: {
    success: '4355084355084358',
    decline: '4000000000000002',
    insufficientFunds: '4000000000009995',
  },
  redirect: { callbackUrl },
  queriesStatus: true,
  lostCreate: { settledBy: 'reconciliation', status: 'successful' },
  // A 5xx may come after PayTR charged: processing until the status query or notification says.
  createServerError: 202,
  // `merchant_oid` is the payment id without its underscore, so the matrix's id swap does not
  // reach it: the forged copy claims another amount, which the hash no longer covers.
  forge: (genuine) => ({
    ...genuine,
    body: genuine.body.replace(/total_amount=\d+/, 'total_amount=1'),
  }),
  forgedStatus: 401,
}
