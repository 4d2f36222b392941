/**
 * @module Adyen's row of the conformance matrix: EUR card payments with the simulator's test cards,
 * 3-D Secure through Adyen's redirect, no status API (the AUTHORISATION webhook settles a payment
 * whose answer was lost), Adyen's 5xx left open (202), HMAC-signed webhooks (a changed body no
 * longer verifies).
 */
import { callbackUrl, cardInfo } from './harness'
import type { ConformanceProfile } from './types'

export const adyenProfile: ConformanceProfile = {
  provider: 'adyen',
  amount: '25.00',
  currency: 'EUR',
  cards: {
    success: '5555555555554444',
    decline: '4000000000000002',
    insufficientFunds: '4000000000009995',
  },
  // Adyen's 3-D Secure 2 Mastercard test card: the simulator sends it to a challenge page.
  redirect: { cardInfo: cardInfo('5454545454545454'), use3D: true, callbackUrl },
  queriesStatus: false,
  lostCreate: { settledBy: 'notification', status: 'successful' },
  createServerError: 202,
  // The matrix already put another payment's id in the body: the item's HMAC no longer holds.
  forge: (genuine) => genuine,
  forgedStatus: 401,
}
