/**
 * @module What GoPay's answers mean for the gateway: a payment (create, status, recurring
 * charge) as a `PaymentOutcome`, an operation result as an `OperationOutcome`, and GoPay's error
 * shape `{date_issued, errors:[{scope, field, error_code, error_name, message, description}]}` as
 * a decline or a refusal with GoPay's own message passed on.
 */
import { parseJson } from '../http'
import type { OperationOutcome, PaymentOutcome, PaymentReference } from '../types'
import {
  ERROR_CODES,
  isErrorCode,
  PREAUTH_HELD_MONEY,
  RECURRENCE_CHARGEABLE,
  RESULT_OUTCOME,
  STATE_MEANING,
  UNDOCUMENTED_ERROR_DECLINE,
} from './mapping'
import { CANCELED_WITHOUT_REASON, isSubState, SUB_STATE_DECLINE, TIMED_OUT } from './sub-states'
import { GoPayError, type GoPayPayment, GoPayResult } from './wire'

/**
 * The parent's GoPay id, which `create-recurrence` and `void-recurrence` take, and the stored
 * card's id when GoPay kept one (`payer.card_id`), so that stopping also deletes the card.
 */
export const recurringTokenOf = (payment: GoPayPayment): string | undefined => {
  const state = payment.recurrence?.recurrence_state
  if (!state || !RECURRENCE_CHARGEABLE[state]) return undefined
  const cardId = payment.payer?.card_id
  return cardId ? `${payment.id}:${cardId}` : payment.id
}

export function parseRecurringToken(
  token: string | null
): { parentId: string; cardId?: string } | undefined {
  const match = token?.match(/^(\d+)(?::(\d+))?$/)
  return match ? { parentId: match[1]!, cardId: match[2] } : undefined
}

function ended(payment: GoPayPayment): PaymentOutcome {
  const preauth = payment.preauthorization?.state
  if (preauth && PREAUTH_HELD_MONEY[preauth]) {
    return { kind: 'cancelled', providerPaymentId: payment.id }
  }
  const sub = payment.sub_state
  const decline =
    sub && isSubState(sub)
      ? SUB_STATE_DECLINE[sub]
      : payment.state === 'TIMEOUTED'
        ? TIMED_OUT
        : CANCELED_WITHOUT_REASON
  return {
    kind: 'declined',
    declineCode: decline.code,
    message: decline.message,
    providerCode: sub ? `${payment.state}${sub}` : payment.state,
    providerPaymentId: payment.id,
  }
}

/**
 * A GoPay payment as an outcome. `reference` is the stored payment when there is one: a partial
 * capture rewrites the amount at GoPay to what was captured (doc: "dochází k aktualizaci údajů
 * původní platby"), so for a captured preauthorization the authorized amount is ours.
 */
export function outcomeOfPayment(
  payment: GoPayPayment,
  reference?: Pick<PaymentReference, 'amountMinor'>
): PaymentOutcome {
  switch (STATE_MEANING[payment.state]) {
    case 'waiting':
      return { kind: 'pending', redirectUrl: payment.gw_url ?? '', providerPaymentId: payment.id }
    case 'authorized':
      return {
        kind: 'succeeded',
        status: 'authorized',
        providerPaymentId: payment.id,
        amountMinor: payment.amount,
        currency: payment.currency,
        capturedMinor: 0,
        recurringToken: recurringTokenOf(payment),
      }
    case 'paid': {
      const captured = payment.preauthorization?.state === 'CAPTURED'
      const amountMinor =
        captured && reference && payment.amount <= reference.amountMinor
          ? reference.amountMinor
          : payment.amount
      return {
        kind: 'succeeded',
        status: 'successful',
        providerPaymentId: payment.id,
        amountMinor,
        currency: payment.currency,
        capturedMinor: payment.amount,
        recurringToken: recurringTokenOf(payment),
      }
    }
    case 'ended':
      return ended(payment)
  }
}

export interface ReadError {
  code?: number
  name?: string
  message: string
}

/** GoPay's first error, with its own message (or description) passed on. */
export function readError(status: number, body: string): ReadError {
  const parsed = GoPayError.safeParse(parseJson(body))
  if (!parsed.success) return { message: `Unexpected GoPay answer (HTTP ${status}).` }
  const [first] = parsed.data.errors
  const code = first!.error_code
  const name = first!.error_name
  const field = first!.field ? ` (${first!.field})` : ''
  const text = first!.message ?? first!.description ?? name ?? `GoPay error ${code}`
  return { code, name, message: `${text}${field}` }
}

export function providerCodeOf({ code, name }: ReadError): string | undefined {
  if (code === undefined) return undefined
  const known = name ?? (isErrorCode(code) ? ERROR_CODES[code].name : undefined)
  return known ? `${code} ${known}` : `${code}`
}

export function declineOf(error: ReadError): Extract<PaymentOutcome, { kind: 'declined' }> {
  const code = error.code
  return {
    kind: 'declined',
    // Undocumented codes are not card declines: GoPay refused the request itself.
    declineCode:
      code !== undefined && isErrorCode(code)
        ? ERROR_CODES[code].decline
        : UNDOCUMENTED_ERROR_DECLINE,
    message: error.message,
    providerCode: providerCodeOf(error),
  }
}

export const rejectionOf = (error: ReadError): OperationOutcome => ({
  kind: 'rejected',
  reason: error.message,
  providerCode: providerCodeOf(error),
})

/**
 * `{id, result}`: FINISHED done, ACCEPTED taken and settled later, FAILED refused. `id` is the
 * payment's, never an id of the operation.
 */
export function outcomeOfResult(text: string): OperationOutcome {
  const parsed = GoPayResult.safeParse(parseJson(text))
  if (!parsed.success) return { kind: 'unknown', reason: 'unreadable_result' }
  const { id, result, description } = parsed.data
  const kind = RESULT_OUTCOME[result]
  if (kind === 'rejected') {
    return {
      kind,
      reason: description ?? 'GoPay reports the operation FAILED.',
      providerCode: result,
    }
  }
  return { kind, providerReference: id }
}
