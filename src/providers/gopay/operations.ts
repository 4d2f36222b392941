/**
 * @module Follow-up operations on a GoPay payment: capture and void of a preauthorization (doc
 * "Předautorizované platby") and stopping an ON_DEMAND recurrence (doc "Zrušení opakované platby").
 * GoPay voids authorizations only: a PAID payment is refunded instead.
 */
import type { OperationOutcome, PaymentReference, ProviderContext, RecurringParent } from '../types'
import {
  answered,
  callGoPay,
  type GoPayBody,
  type GoPayRequest,
  paymentPath,
  TOKEN_SCOPES,
} from './client'
import { ALREADY_DONE_CODES, STATE_MEANING } from './mapping'
import { outcomeOfResult, parseRecurringToken, readError, rejectionOf } from './outcomes'
import { fetchPayment } from './payments'
import { partialCaptureBody } from './requests'
import { wireJson } from './wire'

/** Sends an operation; an error code in `doneCodes` means it had already happened (a retry). */
export async function operation(
  ctx: ProviderContext,
  request: GoPayRequest,
  doneCode?: number
): Promise<OperationOutcome> {
  const { result } = await callGoPay(ctx, request)
  if (!result.ok) return { kind: 'unknown', reason: result.reason }
  if (result.status >= 500) return { kind: 'unknown', reason: `http_${result.status}` }
  if (answered(result.status)) return outcomeOfResult(result.text)
  const error = readError(result.status, result.text)
  if (doneCode !== undefined && error.code === doneCode) return { kind: 'succeeded' }
  return rejectionOf(error)
}

const post = (goPayId: string, action: string, body: GoPayBody): GoPayRequest => ({
  method: 'POST',
  path: paymentPath(goPayId, action),
  scope: TOKEN_SCOPES.all,
  body,
})

const noGoPayId: OperationOutcome = {
  kind: 'rejected',
  reason: 'GoPay has not confirmed this payment yet; try again once its status is known.',
}

/**
 * Voids an authorization. GoPay is asked first: only an AUTHORIZED payment can be voided, a PAID
 * one must be refunded, an unpaid one simply expires at GoPay (TIMEOUTED), and one already
 * CANCELED or TIMEOUTED is void already (a cancel whose answer was lost).
 */
export async function cancel(
  ctx: ProviderContext,
  payment: PaymentReference
): Promise<OperationOutcome> {
  if (!payment.providerPaymentId) return noGoPayId
  const current = await fetchPayment(ctx, payment.providerPaymentId)
  if (!('state' in current)) return current
  switch (STATE_MEANING[current.state]) {
    case 'authorized':
      return operation(
        ctx,
        post(current.id, 'void-authorization', { empty: true }),
        ALREADY_DONE_CODES.cancel
      )
    case 'paid':
      return {
        kind: 'rejected',
        reason: `GoPay cannot void a ${current.state} payment; refund it instead.`,
        providerCode: current.state,
      }
    case 'waiting':
      return {
        kind: 'rejected',
        reason: 'GoPay cannot cancel a payment the shopper has not paid; it expires at GoPay.',
        providerCode: current.state,
      }
    case 'ended':
      return { kind: 'succeeded', providerReference: current.id }
  }
}

/** The whole authorization with an empty body; a part with `{amount, items}` (the rest is released). */
export function capture(
  ctx: ProviderContext,
  payment: PaymentReference,
  amountMinor: number
): Promise<OperationOutcome> {
  if (!payment.providerPaymentId) return Promise.resolve(noGoPayId)
  const body: GoPayBody =
    amountMinor === payment.amountMinor
      ? { empty: true }
      : { json: wireJson(partialCaptureBody(payment.paymentId, amountMinor)) }
  return operation(
    ctx,
    post(payment.providerPaymentId, 'capture', body),
    ALREADY_DONE_CODES.capture
  )
}

/**
 * `void-recurrence`; already stopped (error 342) counts as stopped. A card GoPay stored for the
 * recurrence is deleted afterwards; that deletion is tidying only and does not change the answer.
 */
export async function stopRecurring(
  ctx: ProviderContext,
  parent: RecurringParent
): Promise<OperationOutcome> {
  const token = parseRecurringToken(parent.recurringToken)
  const parentId = token?.parentId ?? parent.providerPaymentId
  if (!parentId) return noGoPayId
  const stopped = await operation(
    ctx,
    post(parentId, 'void-recurrence', { empty: true }),
    ALREADY_DONE_CODES.stopRecurring
  )
  if (stopped.kind === 'succeeded' && token?.cardId) {
    await callGoPay(ctx, {
      method: 'DELETE',
      path: `/payments/cards/${token.cardId}`,
      scope: TOKEN_SCOPES.all,
    })
  }
  return stopped
}
