/**
 * @module The normalized reasons a payment is declined. Every provider maps its own codes onto this
 * list (exhaustively, in its `mapping.ts`); the provider's original code travels alongside in logs.
 */

export const DECLINE_CODES = [
  'card_declined',
  'insufficient_funds',
  'expired_card',
  'incorrect_cvc',
  'invalid_card',
  'authentication_failed',
  'fraud_suspected',
  'limit_exceeded',
  'processing_error',
  'not_permitted',
] as const

export type DeclineCode = (typeof DECLINE_CODES)[number]

export const DECLINE_MESSAGES: Record<DeclineCode, string> = {
  card_declined: 'The card was declined.',
  insufficient_funds: 'The card has insufficient funds.',
  expired_card: 'The card has expired.',
  incorrect_cvc: 'The security code is incorrect.',
  invalid_card: 'The card number is invalid.',
  authentication_failed: '3-D Secure authentication failed.',
  fraud_suspected: 'The payment was declined as suspected fraud.',
  limit_exceeded: 'The card limit was exceeded.',
  processing_error: 'The provider could not process the card; try again.',
  not_permitted: 'The card does not permit this kind of payment.',
}
