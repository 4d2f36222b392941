/**
 * @module Stripe's documented test cards (docs.stripe.com/testing) and what each does. Any future
 * expiry and any CVC work. In test mode a real (non-test) card number is declined with
 * `test_mode_live_card`.
 */
import type { StripeErrorBody } from './store.ts'

export type CardDecline = Omit<StripeErrorBody, 'type'>

export type CardBehaviour =
  | { kind: 'succeed' }
  | { kind: 'decline'; error: CardDecline }
  /** 3-D Secure on every payment; off-session charges ask for authentication. */
  | {
      kind: 'authenticate'
      afterwards: 'succeed' | CardDecline
      offSession: 'authentication_required'
    }
  /** 3-D Secure unless the card was set up for off-session use (4000002500003155). */
  | { kind: 'authenticate'; afterwards: 'succeed'; offSession: 'succeed_when_set_up' }

const declined = (decline_code: string, message = 'Your card was declined.'): CardDecline => ({
  code: 'card_declined',
  decline_code,
  message,
})

export const DECLINES = {
  generic: declined('generic_decline'),
  insufficientFunds: declined('insufficient_funds', 'Your card has insufficient funds.'),
  authenticationRequired: {
    code: 'authentication_required',
    decline_code: 'authentication_required',
    message: 'Your card was declined. This transaction requires authentication.',
  },
  liveCard: declined(
    'test_mode_live_card',
    'Your card was declined. Your request was in test mode, but used a non test (live) card. For a list of valid test cards, visit: https://stripe.com/docs/testing.'
  ),
} satisfies Record<string, CardDecline>

const SUCCEEDING = [
  '4242424242424242',
  '4000056655665556',
  '5555555555554444',
  '2223003122003222',
  '5200828282828210',
  '5105105105105100',
  '378282246310005',
  '371449635398431',
  '6011111111111117',
  '3056930009020004',
  '3566002020360505',
  '6200000000000005',
]

const SPECIAL: Record<string, CardBehaviour> = {
  '4000000000000002': { kind: 'decline', error: DECLINES.generic },
  '4000000000009995': { kind: 'decline', error: DECLINES.insufficientFunds },
  '4000000000009987': { kind: 'decline', error: declined('lost_card') },
  '4000000000009979': { kind: 'decline', error: declined('stolen_card') },
  '4000000000000069': {
    kind: 'decline',
    error: {
      code: 'expired_card',
      decline_code: 'expired_card',
      message: 'Your card has expired.',
    },
  },
  '4000000000000127': {
    kind: 'decline',
    error: {
      code: 'incorrect_cvc',
      decline_code: 'incorrect_cvc',
      message: "Your card's security code is incorrect.",
    },
  },
  '4000000000000119': {
    kind: 'decline',
    error: {
      code: 'processing_error',
      decline_code: 'processing_error',
      message: 'An error occurred while processing your card. Try again in a little bit.',
    },
  },
  '4000000000006975': {
    kind: 'decline',
    error: declined(
      'card_velocity_exceeded',
      'Your card was declined for making repeated attempts too frequently or exceeding its amount limit.'
    ),
  },
  '4100000000000019': { kind: 'decline', error: declined('fraudulent') },
  '4000002500003155': {
    kind: 'authenticate',
    afterwards: 'succeed',
    offSession: 'succeed_when_set_up',
  },
  '4000002760003184': {
    kind: 'authenticate',
    afterwards: 'succeed',
    offSession: 'authentication_required',
  },
  '4000000000003220': {
    kind: 'authenticate',
    afterwards: 'succeed',
    offSession: 'authentication_required',
  },
  '4000008400001629': {
    kind: 'authenticate',
    afterwards: DECLINES.generic,
    offSession: 'authentication_required',
  },
  '4000008260003178': {
    kind: 'authenticate',
    afterwards: DECLINES.insufficientFunds,
    offSession: 'authentication_required',
  },
}

export function isLuhnValid(pan: string): boolean {
  if (!/^\d{12,19}$/.test(pan)) return false
  let sum = 0
  for (let i = 0; i < pan.length; i++) {
    let digit = Number(pan[pan.length - 1 - i])
    if (i % 2 === 1) {
      digit *= 2
      if (digit > 9) digit -= 9
    }
    sum += digit
  }
  return sum % 10 === 0
}

export function behaviourOf(pan: string): CardBehaviour {
  const special = SPECIAL[pan]
  if (special) return special
  if (SUCCEEDING.includes(pan)) return { kind: 'succeed' }
  return { kind: 'decline', error: DECLINES.liveCard }
}

export function brandOf(pan: string): string {
  if (pan.startsWith('4')) return 'visa'
  if (/^(5[1-5]|2[2-7])/.test(pan)) return 'mastercard'
  if (/^3[47]/.test(pan)) return 'amex'
  if (/^6(011|5)/.test(pan)) return 'discover'
  if (/^35/.test(pan)) return 'jcb'
  if (/^3[068]/.test(pan)) return 'diners'
  if (pan.startsWith('62')) return 'unionpay'
  return 'unknown'
}
