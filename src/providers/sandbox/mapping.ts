/**
 * @module The sandbox's test cards and how its answers map to the gateway's outcomes.
 * Any future expiry and any CVV work; card numbers not listed here succeed.
 */
import type { DeclineCode } from '../../domain/decline-codes'

export type CardBehaviour =
  | { kind: 'succeed' }
  | { kind: 'require_3ds' }
  | { kind: 'decline'; code: DeclineCode }

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
}

export const behaviourOf = (pan: string): CardBehaviour => TEST_CARDS[pan] ?? { kind: 'succeed' }

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
