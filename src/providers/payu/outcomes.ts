/**
 * @module What PayU's answers mean for the gateway: an order as a `PaymentOutcome`, and PayU's
 * error shape `{status: {statusCode, code, codeLiteral, statusDesc}}` (or the OAuth endpoint's
 * `{error, error_description}`) as a decline or a refusal with PayU's own words passed on.
 */
import { parseJson } from '../http'
import type { OperationOutcome, PaymentOutcome } from '../types'
import {
  ERROR_CODES,
  fromPayuAmount,
  isErrorCode,
  isRefundError,
  ORDER_MEANING,
  REFUND_ERRORS,
  UNDOCUMENTED_ERROR_DECLINE,
} from './mapping'
import { OAuthError, PayuError, type PayuOrder } from './wire'

/** A settled or waiting order as an outcome; WAITING_FOR_CONFIRMATION is an authorization here. */
export function outcomeOfOrder(order: PayuOrder): PaymentOutcome {
  const amountMinor = fromPayuAmount(order.totalAmount)
  switch (ORDER_MEANING[order.status]) {
    case 'waiting':
      // The status answer has no redirectUri: nothing to send the shopper to, nothing changes.
      return { kind: 'pending', redirectUrl: '', providerPaymentId: order.orderId }
    case 'authorized':
      return {
        kind: 'succeeded',
        status: 'authorized',
        providerPaymentId: order.orderId,
        amountMinor,
        currency: order.currencyCode,
        capturedMinor: 0,
      }
    case 'paid':
      // After a partial capture totalAmount is still the order's: what was captured is the
      // gateway's to remember, so it is not reported from here.
      return {
        kind: 'succeeded',
        status: 'successful',
        providerPaymentId: order.orderId,
        amountMinor,
        currency: order.currencyCode,
      }
    case 'cancelled':
      // The gateway makes a cancelled authorization `cancelled` and a never-paid order `failed`.
      return { kind: 'cancelled', providerPaymentId: order.orderId }
  }
}

export interface ReadError {
  statusCode?: string
  codeLiteral?: string
  message: string
}

/** PayU's error, with its own description passed on; never a credential (PayU does not echo them). */
export function readError(status: number, body: string): ReadError {
  const json = parseJson(body)
  const payu = PayuError.safeParse(json)
  if (payu.success) {
    const { statusCode, codeLiteral, code, statusDesc } = payu.data.status
    const literal = codeLiteral ? ` (${codeLiteral}${code ? ` ${code}` : ''})` : ''
    return { statusCode, codeLiteral, message: `${statusDesc ?? statusCode}${literal}` }
  }
  const oauth = OAuthError.safeParse(json)
  if (oauth.success) {
    const { error, error_description: description } = oauth.data
    return { statusCode: error, message: description ? `${error}: ${description}` : error }
  }
  return { message: `Unexpected PayU answer (HTTP ${status}).` }
}

const providerCodeOf = ({ statusCode, codeLiteral }: ReadError) =>
  statusCode && codeLiteral ? `${statusCode} ${codeLiteral}` : statusCode

export function declineOf(error: ReadError): Extract<PaymentOutcome, { kind: 'declined' }> {
  const code = error.statusCode
  return {
    kind: 'declined',
    declineCode: code && isErrorCode(code) ? ERROR_CODES[code].decline : UNDOCUMENTED_ERROR_DECLINE,
    message: error.message,
    providerCode: providerCodeOf(error),
  }
}

/** A refused operation; refund refusals get the refund error table's reason. */
export function rejectionOf(error: ReadError): Extract<OperationOutcome, { kind: 'rejected' }> {
  const literal = error.codeLiteral
  return {
    kind: 'rejected',
    reason: literal && isRefundError(literal) ? REFUND_ERRORS[literal] : error.message,
    providerCode: providerCodeOf(error),
  }
}

/** Whether a create refused with this code may still have made the order. */
export const mayHaveCreated = (error: ReadError) =>
  error.statusCode !== undefined &&
  isErrorCode(error.statusCode) &&
  ERROR_CODES[error.statusCode].mayHaveCreated
