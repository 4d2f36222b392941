/**
 * @module What Papara's answers mean for the gateway: a payment record as a `PaymentOutcome`
 * (status 0 waits, 1 is paid, 2 was paid and then refunded by the merchant), and Papara's
 * `error: {code, message}` as a decline or a refusal with Papara's own words passed on.
 */
import type { OperationOutcome, PaymentOutcome } from '../types'
import type { PaparaAnswer } from './client'
import {
  currencyOf,
  ERROR_CODES,
  fromPaparaAmount,
  isErrorCode,
  STATUS_MEANING,
  UNDOCUMENTED_ERROR_DECLINE,
} from './mapping'
import { PaparaPayment } from './wire'

export type PaparaRefusal = Extract<PaparaAnswer, { kind: 'error' }>

/** A payment record as an outcome; its amount and currency go along for the gateway to cross-check. */
export function outcomeOfPayment(payment: PaparaPayment): PaymentOutcome {
  switch (STATUS_MEANING[payment.status]) {
    case 'pending':
      return { kind: 'pending', redirectUrl: '', providerPaymentId: payment.id }
    case 'completed':
    case 'refunded': {
      // A refunded payment was paid first; the refund is the refund call's to report.
      const currency = currencyOf(payment.currency)
      const amountMinor = currency ? fromPaparaAmount(payment.amount, currency) : undefined
      if (!currency || amountMinor === undefined) {
        return { kind: 'unknown', reason: 'unreadable_amount_or_currency' }
      }
      return {
        kind: 'succeeded',
        status: 'successful',
        providerPaymentId: payment.id,
        amountMinor,
        currency,
      }
    }
  }
}

/** The payment in a `data` answer; undefined when it is not one (an unknown status included). */
export function paymentOf(data: unknown): PaparaPayment | undefined {
  const parsed = PaparaPayment.safeParse(data)
  return parsed.success ? parsed.data : undefined
}

const describe = (refusal: PaparaRefusal) =>
  refusal.code === undefined ? refusal.message : `${refusal.message} (Papara error ${refusal.code})`

/** Whether the request may have been carried out despite the error (Papara's system error, 999). */
export const mayHaveActed = (refusal: PaparaRefusal) =>
  refusal.code !== undefined && isErrorCode(refusal.code) && ERROR_CODES[refusal.code].mayHaveActed

export function declineOf(refusal: PaparaRefusal): Extract<PaymentOutcome, { kind: 'declined' }> {
  const code = refusal.code
  return {
    kind: 'declined',
    declineCode:
      code !== undefined && isErrorCode(code)
        ? ERROR_CODES[code].decline
        : UNDOCUMENTED_ERROR_DECLINE,
    message: describe(refusal),
    providerCode: code === undefined ? `http_${refusal.status}` : String(code),
  }
}

export function rejectionOf(
  refusal: PaparaRefusal
): Extract<OperationOutcome, { kind: 'rejected' }> {
  return {
    kind: 'rejected',
    reason: describe(refusal),
    providerCode: refusal.code === undefined ? `http_${refusal.status}` : String(refusal.code),
  }
}
