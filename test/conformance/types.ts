/**
 * @module One provider's row of the conformance matrix: what differs between providers (test
 * cards, currency, how a lost answer is settled, how a notification is forged). Everything else is
 * the same scenario run through the gateway's public API for every provider.
 */
import type { PaymentStatus } from '../../src/domain/payment-status'
import type { OutgoingNotification } from '../simulators/kit/types.ts'
import type { SimulatorMerchant } from './simulators'

export interface ConformanceProfile {
  provider: string
  /** What every scenario pays: a major-unit amount the currency allows, and the currency. */
  amount: string
  currency: string
  /** Fields every payment of this provider needs besides amount, currency and customer. */
  body?: Record<string, unknown>
  /** The simulator's card numbers, for providers that take card data (`capabilities.card`). */
  cards?: { success: string; decline: string; insufficientFunds: string }
  /** The fields that make a payment go to the provider's page (3-D Secure, or a hosted page). */
  redirect: Record<string, unknown>
  /**
   * What leaving the provider's page does: `failed` at once (the default), or `pending` where the
   * shopper may still pay later (Papara keeps an unpaid payment open for an hour); such a payment
   * fails once it expired and reconciliation confirms it can no longer be paid.
   */
  leftPage?: 'failed' | 'pending'
  /**
   * Runs before partial refunds, for providers that refund in part only after the payment's day
   * (Paycell): the simulator closes the merchant's day.
   */
  beforePartialRefund?(account: SimulatorMerchant): Promise<void>
  /** True when the provider has a status API: a payment paid on its page is known without a return. */
  queriesStatus: boolean
  /** How a payment whose create answer was lost ends, and what settles it. */
  lostCreate: { settledBy: 'reconciliation' | 'notification'; status: PaymentStatus }
  /** What the gateway answers when the provider fails with a 5xx on create. */
  createServerError: 202 | 502
  /** A copy of a genuine notification whose signature no longer holds (or, unsigned, a made-up one). */
  forge(genuine: OutgoingNotification): OutgoingNotification
  /** The gateway's answer to the forged copy: 401 where notifications are signed. */
  forgedStatus: number
}

export type { OutgoingNotification }
