/**
 * @module Paycell's row of the conformance matrix: TRY card payments (the card becomes a
 * `cardToken`, then `provision`), Paycell's published Akbank test card and two simulator cards the
 * bank declines, 3-D Secure through the bank's page. Paycell asks every call for the shopper's
 * msisdn, so every payment carries a Turkish mobile number. `inquire` finds a payment by our own
 * reference number, so a lost create answer is settled by reconciliation. Paycell sends no
 * notifications: its webhook route answers 405 to anything.
 */
import { callbackUrl, cardInfo, customer } from './harness'
import { control } from './simulators'
import type { ConformanceProfile } from './types'

const SUCCESS_CARD = '4355084355084358'

export const paycellProfile: ConformanceProfile = {
  provider: 'paycell',
  amount: '100.00',
  currency: 'TRY',
  body: { customer: { ...customer, phoneNumber: '+90 532 123 45 67', ipAddress: '85.34.78.112' } },
  cards: {
    success: SUCCESS_CARD,
    decline: '4000000000000002',
    insufficientFunds: '4000000000009995',
  },
  redirect: { cardInfo: cardInfo(SUCCESS_CARD), use3D: true, callbackUrl },
  // Paycell refunds in part only from the day after the payment: its day is closed first.
  beforePartialRefund: (account) =>
    control(`/paycell/__sim/day_end?merchant=${account.merchant}`, { method: 'POST', body: {} }),
  queriesStatus: true,
  lostCreate: { settledBy: 'reconciliation', status: 'successful' },
  // A 5xx may come after the bank charged: processing until `inquire` says.
  createServerError: 202,
  forge: (genuine) => genuine,
  forgedStatus: 405,
}
