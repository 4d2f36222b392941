/**
 * @module Nkolay (Paynkolay) in the conformance matrix: TRY card payments through the Vpos API
 * with a test card of Paynkolay's table (paynkolay/paynkolay-api-spec `openapi.yaml`) and two
 * simulator cards that decline (bank answers 05 and 51); the redirect scenarios pay with 3-D
 * Secure through the bank's page, a pre-approval that CompletePayment (from the return, or from
 * the status query while PaymentList lists the sale NEW) turns into a sale. PaymentList finds a
 * payment by our `clientRefCode`, so a lost create answer is settled by reconciliation. The result post is signed with `hashDataV2`.
 */
import { callbackUrl, cardInfo } from './harness'
import type { ConformanceProfile } from './types'

export const nkolayProfile: ConformanceProfile = {
  provider: 'nkolay',
  amount: '100.00',
  currency: 'TRY',
  cards: {
    success: '4546711234567894',
    decline: '4000000000000002',
    insufficientFunds: '4000000000009995',
  },
  redirect: { cardInfo: cardInfo('4546711234567894'), use3D: true, callbackUrl },
  queriesStatus: true,
  // The simulator charged before the answer was lost: PaymentList lists the sale as SUCCESS.
  lostCreate: { settledBy: 'reconciliation', status: 'successful' },
  // A 5xx may come after the bank charged: processing until PaymentList says.
  createServerError: 202,
  // RND is covered by hashDataV2; CLIENT_REFERENCE_CODE is not (the adapter ties a post to its
  // payment by the signed REFERENCE_CODE instead), so changing it would not be a forgery.
  forge: (genuine) => ({ ...genuine, body: genuine.body.replace(/RND=\d+/, 'RND=1') }),
  forgedStatus: 401,
}
