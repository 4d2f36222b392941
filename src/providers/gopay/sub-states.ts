/**
 * @module GoPay's payment sub-states (doc "Substate"; SDK `PaymentSubStatus.php`) as declines:
 * why a CANCELED or TIMEOUTED payment did not go through, in the gateway's decline codes. The
 * meanings are the doc's; which decline code fits each is our reading of them.
 */
import type { DeclineCode } from '../../domain/decline-codes'

export interface Decline {
  code: DeclineCode
  message: string
}

const issuerRefused = (message: string): Decline => ({ code: 'card_declined', message })
const threeDS: Decline = {
  code: 'authentication_failed',
  message: '3-D Secure was refused by the shopper’s bank.',
}
const notMade: Decline = { code: 'card_declined', message: 'The payment was not made.' }
const technical: Decline = {
  code: 'processing_error',
  message: 'A technical problem at the bank stopped the payment.',
}

/**
 * `sub_state` (doc "Substate"; SDK `PaymentSubStatus.php`) of a CANCELED or TIMEOUTED payment, as
 * a decline. The waiting and confirmation sub-states (_101, _102, _30xx, _5001) never end a
 * payment; they are listed so that the map stays exhaustive.
 */
export const SUB_STATE_DECLINE = {
  _101: { code: 'processing_error', message: 'The online payment was not completed.' },
  _102: { code: 'processing_error', message: 'The offline payment was not completed.' },
  _3001: { code: 'processing_error', message: 'The bank payment was confirmed by advice.' },
  _3002: { code: 'processing_error', message: 'The bank payment was confirmed by statement.' },
  _3003: { code: 'card_declined', message: 'The bank payment was not confirmed.' },
  _5001: { code: 'processing_error', message: 'Approved with a zero amount.' },
  _5002: { code: 'limit_exceeded', message: 'The card’s limits were reached.' },
  _5003: issuerRefused('The card issuer refused the payment.'),
  _5004: issuerRefused('The card issuer refused the payment.'),
  _5005: issuerRefused('The card is blocked.'),
  _5006: { code: 'insufficient_funds', message: 'The card has insufficient funds.' },
  _5007: { code: 'expired_card', message: 'The card has expired.' },
  _5008: { code: 'incorrect_cvc', message: 'The CVV/CVC code was refused.' },
  _5009: threeDS,
  _5010: issuerRefused('The bank refused the card.'),
  _5011: issuerRefused('The bank refused the card’s account.'),
  _5012: technical,
  _5013: { code: 'invalid_card', message: 'The card number was entered wrongly.' },
  _5014: issuerRefused('The bank refused the card.'),
  _5015: threeDS,
  _5016: { code: 'not_permitted', message: 'The card does not permit this payment.' },
  _5017: threeDS,
  _5018: threeDS,
  _5019: threeDS,
  _5020: { code: 'processing_error', message: 'Unknown configuration.' },
  _5021: { code: 'limit_exceeded', message: 'The limits set on the card were reached.' },
  _5022: technical,
  _5023: notMade,
  _5024: {
    code: 'authentication_failed',
    message: 'The payment details were not entered in time on the GoPay page.',
  },
  _5025: notMade,
  _5026: { code: 'processing_error', message: 'The credited amounts exceeded the paid amount.' },
  _5027: { code: 'not_permitted', message: 'The user may not make this operation.' },
  _5028: { code: 'processing_error', message: 'The amount exceeded the authorized amount.' },
  _5029: { code: 'processing_error', message: 'The payment has not been made yet.' },
  _5030: { code: 'processing_error', message: 'The payment was entered repeatedly.' },
  _5031: technical,
  _5033: { code: 'processing_error', message: 'The SMS could not be delivered.' },
  _5035: { code: 'not_permitted', message: 'Cards from the issuing region are not supported.' },
  _5036: issuerRefused('The bank refused the card’s account.'),
  _5037: { code: 'card_declined', message: 'The card holder cancelled the payment.' },
  _5038: notMade,
  _5039: issuerRefused('The card is blocked.'),
  _5040: { code: 'processing_error', message: 'Duplicate reversal transaction.' },
  _5041: { code: 'processing_error', message: 'Duplicate transaction.' },
  _5042: { code: 'card_declined', message: 'The bank payment was refused.' },
  _5043: { code: 'card_declined', message: 'The shopper cancelled the payment.' },
  _5044: { code: 'processing_error', message: 'The SMS was sent but not delivered yet.' },
  _5045: { code: 'processing_error', message: 'Waiting for the Bitcoin network.' },
  _5046: { code: 'insufficient_funds', message: 'The payment was not paid in full.' },
  _5047: { code: 'processing_error', message: 'The payment was made after its due date.' },
  _5048: { code: 'authentication_failed', message: 'The shopper gave no PSD2 consent.' },
  _5049: { code: 'card_declined', message: 'The PSD2 payment was refused.' },
  _5050: { code: 'invalid_card', message: 'The PSD2 account was not found.' },
  _6502: threeDS,
  _6504: threeDS,
} as const satisfies Record<string, Decline>
export type SubState = keyof typeof SUB_STATE_DECLINE

export const isSubState = (value: string): value is SubState =>
  Object.hasOwn(SUB_STATE_DECLINE, value)

/** A CANCELED payment without a sub-state GoPay documents: declined, with the raw value kept. */
export const CANCELED_WITHOUT_REASON: Decline = {
  code: 'card_declined',
  message: 'GoPay declined the payment.',
}
export const TIMED_OUT: Decline = {
  code: 'authentication_failed',
  message: 'The payment expired at GoPay before the shopper completed it.',
}
