/**
 * @module Stripe's row of the conformance matrix: card payments in EUR with Stripe's documented
 * test cards (docs.stripe.com/testing), 3-D Secure with the card that always asks for it, a status
 * API (a lost create answer is found again by searching the intent's metadata), signed events.
 */
import { callbackUrl, cardInfo } from './harness'
import type { ConformanceProfile } from './types'

export const stripeProfile: ConformanceProfile = {
  provider: 'stripe',
  amount: '100.00',
  currency: 'EUR',
  cards: {
    success: '4242424242424242',
    decline: '4000000000000002',
    insufficientFunds: '4000000000009995',
  },
  redirect: { cardInfo: cardInfo('4000000000003220'), use3D: true, callbackUrl },
  queriesStatus: true,
  lostCreate: { settledBy: 'reconciliation', status: 'successful' },
  // A Stripe 5xx may come after Stripe acted: the payment stays processing until it is found.
  createServerError: 202,
  // The matrix changed the body, so the Stripe-Signature no longer holds.
  forge: (genuine) => genuine,
  forgedStatus: 401,
}
