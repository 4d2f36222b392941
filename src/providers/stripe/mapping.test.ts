import type { Stripe } from 'stripe'
import { describe, expect, it } from 'vitest'
import { DECLINE_CODES } from '../../domain/decline-codes'
import {
  declineCodeOf,
  STRIPE_DECLINE_CODES,
  STRIPE_ERROR_CODES_BY_DECLINE,
  type StripeErrorCode,
} from './declines'
import {
  fromStripeAmount,
  GATEWAY_VIEW_OF_INTENT,
  INTENT_STATUSES,
  type IntentStatus,
  OPERATION_VIEW_OF_REFUND,
  REFUND_STATUSES,
  toStripeAmount,
} from './mapping'

/** The literal members of one of stripe-node's open unions (`'a' | 'b' | (string & {})`). */
type Literals<T> = T extends string ? (string extends T ? never : T) : never
/** Compiles only when A and B hold the same members. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const same = <T extends true>(proof: T) => proof

describe('Stripe mapping, checked against the installed stripe package', () => {
  it('maps every PaymentIntent status stripe-node declares', () => {
    same<Same<IntentStatus, Literals<Stripe.PaymentIntent.Status>>>(true)
    expect(Object.keys(GATEWAY_VIEW_OF_INTENT).sort()).toEqual([...INTENT_STATUSES].sort())
  })

  it('maps every error code stripe-node declares, and only those', () => {
    same<Same<StripeErrorCode, Literals<Stripe.PaymentIntent.LastPaymentError.Code>>>(true)
    const all = Object.values(STRIPE_ERROR_CODES_BY_DECLINE).flat()
    expect(new Set(all).size).toBe(all.length)
  })

  it('maps every refund status', () => {
    expect(Object.keys(OPERATION_VIEW_OF_REFUND).sort()).toEqual([...REFUND_STATUSES].sort())
  })

  it('maps every decline code to one of the gateway decline codes', () => {
    for (const code of Object.values(STRIPE_DECLINE_CODES)) expect(DECLINE_CODES).toContain(code)
  })
})

describe('declineCodeOf', () => {
  it('takes the decline code over the error code', () => {
    expect(
      declineCodeOf({
        type: 'card_error',
        code: 'card_declined',
        decline_code: 'insufficient_funds',
      })
    ).toBe('insufficient_funds')
    expect(
      declineCodeOf({ type: 'card_error', code: 'card_declined', decline_code: 'generic_decline' })
    ).toBe('card_declined')
    expect(declineCodeOf({ type: 'card_error', code: 'incorrect_cvc' })).toBe('incorrect_cvc')
    expect(declineCodeOf({ type: 'card_error', code: 'expired_card' })).toBe('expired_card')
  })

  it.each([
    ['lost_card', 'fraud_suspected'],
    ['stolen_card', 'fraud_suspected'],
    ['fraudulent', 'fraud_suspected'],
    ['card_velocity_exceeded', 'limit_exceeded'],
    ['authentication_required', 'authentication_failed'],
    ['do_not_honor', 'card_declined'],
  ])('maps decline code %s to %s', (decline_code, expected) => {
    expect(declineCodeOf({ type: 'card_error', code: 'card_declined', decline_code })).toBe(
      expected
    )
  })

  it('declines a card error whose codes are newer than this table, and keeps other errors apart', () => {
    expect(declineCodeOf({ type: 'card_error', code: 'brand_new_code' })).toBe('card_declined')
    expect(declineCodeOf({ type: 'invalid_request_error', code: 'brand_new_code' })).toBe(
      'processing_error'
    )
    expect(declineCodeOf({ type: 'invalid_request_error', code: 'rate_limit' })).toBe(
      'processing_error'
    )
  })

  it('reads an off-session authentication request as failed authentication', () => {
    expect(
      declineCodeOf({
        type: 'card_error',
        code: 'authentication_required',
        decline_code: 'authentication_required',
      })
    ).toBe('authentication_failed')
  })
})

describe('Stripe amounts (docs.stripe.com/currencies)', () => {
  it.each([
    [10050, 'EUR', 10050],
    [500, 'JPY', 500],
    [500, 'KRW', 500],
    [5, 'ISK', 500],
    [12340, 'KWD', 12340],
    [10000, 'MGA', 100],
  ])('sends %i minor %s as %i', (minor, currency, stripe) => {
    expect(toStripeAmount(minor, currency)).toBe(stripe)
    expect(fromStripeAmount(stripe, currency)).toBe(minor)
  })

  it('refuses amounts Stripe cannot charge exactly', () => {
    expect(toStripeAmount(12345, 'KWD')).toBeUndefined()
    expect(toStripeAmount(10050, 'MGA')).toBeUndefined()
  })
})
