/**
 * @module Pure mapping between the gateway and OzanPay's checkout API: the wire amount (a string of
 * minor-unit digits: the ClearSettle integration of the same `/pw/v3` API sends
 * `getCentAmount(amount)`, the major amount ×100 as text, and the Laravel integration JSON-encodes
 * a string amount and divides `amountProcessed` by 100) and the status map.
 * Sources: https://github.com/ozanlimited/ozanpay-php-sdk (official, 2018, older wallet API),
 * third-party integrations listed in docs/providers/ozanpay.md.
 */
import type { DeclineCode } from '../../domain/decline-codes'
import { exponentOf } from '../../domain/money'
import type { PaymentOutcome } from '../types'
import type { OzanStatus } from './wire'

/** The API takes cents; only currencies with two decimals map onto it without guessing. */
export const WIRE_EXPONENT = 2

export const isWireCurrency = (currency: string): boolean => {
  try {
    return exponentOf(currency) === WIRE_EXPONENT
  } catch {
    return false
  }
}

/**
 * The one place the amount is converted: minor units are the wire's cents, written as a string of
 * digits (`"10050"`) as both integrations send them, never a JSON number.
 */
export const toWireAmount = (amountMinor: number): string => {
  if (!Number.isSafeInteger(amountMinor) || amountMinor < 0)
    throw new RangeError(`not an amount in minor units: ${amountMinor}`)
  return String(amountMinor)
}

type StatusMeaning =
  | { kind: 'succeeded' }
  | { kind: 'pending' }
  | { kind: 'declined'; declineCode: DeclineCode }

/**
 * APPROVED and WAITING/PENDING from both integrations; DECLINED and ERROR are the failures the
 * Laravel return handler treats alike (ClearSettle's hosted flow fails anything not APPROVED once
 * the page is left, and shows WAITING as still open). OzanPay publishes no
 * reason codes, so a decline cannot be told apart from a processing error beyond this.
 */
export const STATUS_MEANINGS = {
  APPROVED: { kind: 'succeeded' },
  WAITING: { kind: 'pending' },
  PENDING: { kind: 'pending' },
  DECLINED: { kind: 'declined', declineCode: 'card_declined' },
  ERROR: { kind: 'declined', declineCode: 'processing_error' },
} as const satisfies Record<OzanStatus, StatusMeaning>

/** OzanPay's status of a payment as an outcome; `transactionId` is OzanPay's id of it. */
export function outcomeOfStatus(
  status: OzanStatus,
  transactionId: string | undefined,
  message: string | undefined,
  code: string | undefined
): PaymentOutcome {
  const meaning: StatusMeaning = STATUS_MEANINGS[status]
  switch (meaning.kind) {
    case 'succeeded':
      return transactionId
        ? { kind: 'succeeded', status: 'successful', providerPaymentId: transactionId }
        : { kind: 'unknown', reason: 'approved_without_transaction_id' }
    case 'pending':
      return { kind: 'pending', redirectUrl: '', providerPaymentId: transactionId ?? null }
    case 'declined':
      return {
        kind: 'declined',
        declineCode: meaning.declineCode,
        message: message || `OzanPay answered ${status}.`,
        providerCode: code ?? status,
        ...(transactionId ? { providerPaymentId: transactionId } : {}),
      }
  }
}

/**
 * `purchaseUrl` as the answer gives it: the ClearSettle integration URL-decodes it before use, the
 * Laravel one uses it as is; a URL that arrives encoded is decoded, any other left alone.
 */
export const purchaseUrlOf = (raw: string): string =>
  /^https?%3A/i.test(raw) ? decodeURIComponent(raw) : raw
