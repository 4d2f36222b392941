/**
 * @module Refunds: `POST /payments/payment/{id}/refund` with the form body `amount=<minor units>`,
 * full or partial (doc "Refundace platby"; PHP `Payments::refundPayment`). GoPay takes no
 * reference of ours, so a refund sent twice is made twice. When the gateway sends a refund again
 * because the first answer was lost (`retry`), GoPay's refund history is read first:
 *
 *   unbooked = (SUCCESS and REQUESTED refunds at GoPay) − (refunds the gateway has booked)
 *
 * If `unbooked` covers the amount, the lost refund reached GoPay: it is reported as done
 * (REQUESTED ones as accepted) and not sent again. If it does not, but GoPay lists a FAILED refund
 * of this very amount, GoPay took it and failed it: the refund is refused, not made anew. Otherwise
 * it never arrived and is sent now.
 * With one refund of a payment in doubt at a time this is exact. GoPay's refunds carry no id, so
 * several in doubt at once are told apart by amount only: the books may then differ by the
 * difference of their amounts (GoPay still refuses anything above the payment's amount).
 */
import { parseJson } from '../http'
import type { OperationOutcome, PaymentReference, ProviderContext, RefundInput } from '../types'
import { callGoPay, paymentPath, TOKEN_SCOPES } from './client'
import { REFUND_COUNTS, toGoPayAmount } from './mapping'
import { operation } from './operations'
import { GoPayRefundHistory } from './wire'

interface History {
  done: number
  inProgress: number
  failedAmounts: number[]
}

async function refundHistory(
  ctx: ProviderContext,
  goPayId: string
): Promise<History | { kind: 'unknown'; reason: string }> {
  const { result } = await callGoPay(ctx, {
    method: 'GET',
    path: paymentPath(goPayId, 'refunds'),
    scope: TOKEN_SCOPES.all,
  })
  if (!result.ok) return { kind: 'unknown', reason: result.reason }
  if (result.status !== 200)
    return { kind: 'unknown', reason: `refund_history_http_${result.status}` }
  const history = GoPayRefundHistory.safeParse(parseJson(result.text))
  if (!history.success) return { kind: 'unknown', reason: 'unreadable_refund_history' }
  const total: History = { done: 0, inProgress: 0, failedAmounts: [] }
  for (const refund of history.data) {
    switch (REFUND_COUNTS[refund.state]) {
      case 'done':
        total.done += refund.amount
        break
      case 'in_progress':
        total.inProgress += refund.amount
        break
      case 'none':
        total.failedAmounts.push(refund.amount)
    }
  }
  return total
}

/** What a retried refund's history says: already done, in progress, or to be sent. */
export function settledByHistory(
  history: History,
  bookedMinor: number,
  amountMinor: number
): OperationOutcome | undefined {
  const unbooked = history.done + history.inProgress - bookedMinor
  if (unbooked >= amountMinor) {
    return history.done - bookedMinor >= amountMinor ? { kind: 'succeeded' } : { kind: 'accepted' }
  }
  if (history.failedAmounts.includes(amountMinor)) {
    return { kind: 'rejected', reason: 'GoPay reports this refund FAILED.', providerCode: 'FAILED' }
  }
  return undefined
}

export async function refund(
  ctx: ProviderContext,
  payment: PaymentReference,
  input: RefundInput
): Promise<OperationOutcome> {
  const goPayId = payment.providerPaymentId
  if (!goPayId) return { kind: 'rejected', reason: 'GoPay has not confirmed this payment yet.' }
  if (input.retry) {
    const history = await refundHistory(ctx, goPayId)
    if ('kind' in history) return history
    const settled = settledByHistory(history, payment.refundedMinor, input.amountMinor)
    if (settled) return settled
  }
  const sent = await operation(ctx, {
    method: 'POST',
    path: paymentPath(goPayId, 'refund'),
    scope: TOKEN_SCOPES.all,
    body: {
      form: new URLSearchParams({ amount: String(toGoPayAmount(input.amountMinor)) }).toString(),
    },
  })
  // The result's id is the payment's, not the refund's: GoPay gives refunds no id of their own.
  return sent.kind === 'succeeded' || sent.kind === 'accepted' ? { kind: sent.kind } : sent
}
