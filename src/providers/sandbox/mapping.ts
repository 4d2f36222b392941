/**
 * @module The sandbox's test cards and how its answers map to the gateway's outcomes.
 * Any future expiry and any CVV work; card numbers not listed here succeed.
 */
import { maskPan } from '../../domain/cards'
import type { DeclineCode } from '../../domain/decline-codes'

export type CardBehaviour =
  | { kind: 'succeed' }
  | { kind: 'require_3ds' }
  | { kind: 'decline'; code: DeclineCode }
  /** Succeeds, then the card holder's bank opens a dispute. */
  | { kind: 'dispute' }
  /** Succeeds, but the answer is lost (a 503 after the charge): only a status query finds it. */
  | { kind: 'lose_answer' }
  /** Succeeds, and the issuer refuses every refund of it. */
  | { kind: 'refuse_refunds' }

export const TEST_CARDS: Record<string, CardBehaviour & { description: string }> = {
  '4242424242424242': { kind: 'succeed', description: 'succeeds' },
  '5528790000000008': {
    kind: 'succeed',
    description: "succeeds (the GoPay README's example card)",
  },
  '4000000000003220': {
    kind: 'require_3ds',
    description: 'requires 3-D Secure, even without use3D',
  },
  '4000000000000002': { kind: 'decline', code: 'card_declined', description: 'is declined' },
  '4000000000009995': {
    kind: 'decline',
    code: 'insufficient_funds',
    description: 'is declined for insufficient funds',
  },
  '4000000000000069': {
    kind: 'decline',
    code: 'expired_card',
    description: 'is declined as expired',
  },
  '4000000000000119': {
    kind: 'decline',
    code: 'processing_error',
    description: 'fails with a processing error',
  },
  '4000000000000127': {
    kind: 'decline',
    code: 'incorrect_cvc',
    description: 'is declined for an incorrect security code',
  },
  '4100000000000019': {
    kind: 'decline',
    code: 'fraud_suspected',
    description: 'is declined as suspected fraud',
  },
  '4000000000006975': {
    kind: 'decline',
    code: 'limit_exceeded',
    description: "is declined: the card's limit is exceeded",
  },
  '4000000000009979': {
    kind: 'decline',
    code: 'not_permitted',
    description: 'is declined: the card may not be used for this payment',
  },
  '4000000000000259': {
    kind: 'dispute',
    description: 'succeeds, then a dispute is opened (`payment.chargeback`)',
  },
  '4000000000000101': {
    kind: 'lose_answer',
    description:
      'succeeds, but the answer is lost: `202 processing` until reconciliation finds the charge',
  },
  '4000000000005126': {
    kind: 'refuse_refunds',
    description: 'succeeds, but the issuer refuses every refund (`422 provider_rejected`)',
  },
}

export const behaviourOf = (pan: string): CardBehaviour => TEST_CARDS[pan] ?? { kind: 'succeed' }

/** Cards whose refunds the issuer refuses, as a charge keeps them: first 6 + last 4. */
const REFUSING_REFUNDS = new Set(
  Object.entries(TEST_CARDS)
    .filter(([, card]) => card.kind === 'refuse_refunds')
    .map(([pan]) => maskPan(pan))
)

export const refusesRefunds = (cardMasked: string) => REFUSING_REFUNDS.has(cardMasked)

/** Charge statuses of the sandbox PSP. */
export const CHARGE_STATUSES = [
  'requires_action',
  'authorized',
  'succeeded',
  'failed',
  'canceled',
] as const
export type ChargeStatus = (typeof CHARGE_STATUSES)[number]

export const GATEWAY_STATUS_OF = {
  requires_action: 'pending',
  authorized: 'authorized',
  succeeded: 'successful',
  failed: 'failed',
  canceled: 'cancelled',
} as const satisfies Record<ChargeStatus, string>
