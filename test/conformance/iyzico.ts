/**
 * @module iyzico's row of the conformance matrix: card payments in TRY with iyzico's sandbox cards
 * (iyzico/iyzipay-php `README.md`, "Mock test cards"), 3-D Secure through the bank's page, a status
 * API that finds a payment by the gateway's id (`paymentConversationId`), so a lost create answer
 * is settled by reconciliation, and webhooks signed with `X-IYZ-SIGNATURE-V3`.
 */
import { callbackUrl, cardInfo } from './harness'
import type { ConformanceProfile } from './types'

export const iyzicoProfile: ConformanceProfile = {
  provider: 'iyzico',
  amount: '100.00',
  currency: 'TRY',
  cards: {
    success: '5528790000000008',
    decline: '4129111111111111',
    insufficientFunds: '4111111111111129',
  },
  redirect: { cardInfo: cardInfo('5528790000000008'), use3D: true, callbackUrl },
  queriesStatus: true,
  // `/payment/detail` by `paymentConversationId` finds the payment iyzico made.
  lostCreate: { settledBy: 'reconciliation', status: 'successful' },
  // A 5xx may come after iyzico charged: the payment stays processing until it is found.
  createServerError: 202,
  // The matrix changed paymentConversationId, which the X-IYZ-SIGNATURE-V3 covers.
  forge: (genuine) => genuine,
  forgedStatus: 401,
}
