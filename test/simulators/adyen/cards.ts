/**
 * @module How the simulator's test environment answers a card, as Adyen's does:
 * - test cards (https://docs.adyen.com/development-resources/test-cards/test-card-numbers) with
 *   CVC 737 (Amex 7373); the 3-D Secure 2 cards go through a challenge unless authentication is
 *   switched off (https://docs.adyen.com/development-resources/testing/3d-secure-2-authentication);
 * - refusal reasons triggered by `holderName`
 *   (https://docs.adyen.com/development-resources/testing/result-codes);
 * - two simulator-only numbers for the conformance matrix, whose harness always sends the same
 *   holder name: 4000 0000 0000 0002 is refused, 4000 0000 0000 9995 has not enough balance.
 */
import type { PaymentResult } from './store.ts'

export const THREE_DS2_CARDS = new Set([
  '5454545454545454',
  '4917610000000000',
  '371449635398431',
  '6011111111111117',
  '3566111111111113',
  '30569309025904',
])

const refused = (code: string, reason: string): PaymentResult => ({
  resultCode: 'Refused',
  refusalReason: reason,
  refusalReasonCode: code,
})

/** The "Values for testing refusal reasons" table: holderName → answer. */
const BY_HOLDER_NAME: Record<string, PaymentResult> = {
  UNKNOWN: { resultCode: 'Error', refusalReason: 'Unknown', refusalReasonCode: '0' },
  DECLINED: refused('2', 'Refused'),
  REFERRAL: refused('3', 'Referral'),
  ERROR: { resultCode: 'Error', refusalReason: 'Acquirer Error', refusalReasonCode: '4' },
  BLOCK_CARD: refused('5', 'Blocked Card'),
  CARD_EXPIRED: refused('6', 'Expired Card'),
  INVALID_AMOUNT: refused('7', 'Invalid Amount'),
  INVALID_CARD_NUMBER: refused('8', 'Invalid Card Number'),
  ISSUER_UNAVAILABLE: refused('9', 'Issuer Unavailable'),
  NOT_SUPPORTED: refused('10', 'Not supported'),
  NOT_3D_AUTHENTICATED: refused('11', '3D Not Authenticated'),
  NOT_ENOUGH_BALANCE: refused('12', 'Not enough balance'),
  PENDING: { resultCode: 'Received' },
  ACQUIRER_FRAUD: refused('14', 'Acquirer Fraud'),
  CANCELLED: refused('15', 'Cancelled'),
  SHOPPER_CANCELLED: refused('16', 'Shopper Cancelled'),
}

const BY_NUMBER: Record<string, PaymentResult> = {
  '4000000000000002': refused('2', 'Refused'),
  '4000000000009995': refused('12', 'Not enough balance'),
}

const isLuhnValid = (pan: string) => {
  if (!/^\d{12,19}$/.test(pan)) return false
  let sum = 0
  for (let i = 0; i < pan.length; i++) {
    let digit = Number(pan[pan.length - 1 - i])
    if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2
    sum += digit
  }
  return sum % 10 === 0
}

export interface RawCard {
  number: string
  expiryMonth: string
  expiryYear: string
  cvc?: string
  holderName?: string
}

/** The brand Adyen names in notifications (`paymentMethod`). */
export const variantOf = (pan: string) =>
  pan.startsWith('4')
    ? 'visa'
    : pan.startsWith('3')
      ? pan.startsWith('37')
        ? 'amex'
        : 'diners'
      : 'mc'

/** A card's fate before any 3-D Secure: a refusal, or undefined to go on. */
export function refusalOf(card: RawCard, nowMs: number): PaymentResult | undefined {
  if (!isLuhnValid(card.number)) return refused('8', 'Invalid Card Number')
  const month = Number(card.expiryMonth)
  const year = Number(card.expiryYear)
  const now = new Date(nowMs)
  const expired =
    year < now.getUTCFullYear() || (year === now.getUTCFullYear() && month < now.getUTCMonth() + 1)
  // "If you specify an incorrect CVC or an invalid expiry date, the payment fails and the
  // operation returns a generic DECLINED refusal reason."
  if (expired || month < 1 || month > 12) return refused('2', 'Refused')
  const expectedCvc = card.number.startsWith('37') ? '7373' : '737'
  if (card.cvc !== undefined && card.cvc !== expectedCvc) return refused('2', 'Refused')
  const byName = card.holderName ? BY_HOLDER_NAME[card.holderName.trim()] : undefined
  return byName ?? BY_NUMBER[card.number]
}

/** `capture failed` / `refund failed`: a modification that fails after it was accepted. */
export function failedModificationOf(holderName: string | undefined) {
  const name = holderName?.trim().toLowerCase()
  return name === 'capture failed' ? 'capture' : name === 'refund failed' ? 'refund' : undefined
}
