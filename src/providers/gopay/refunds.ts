/**
 * @module Refunds: `POST /payments/payment/{id}/refund` with the form body `amount=<minor units>`,
 * full or partial (doc "Refundace platby"; PHP `Payments::refundPayment`). GoPay takes no
 * reference of ours and gives refunds no id (the answer's `id` is the payment's), so a refund sent
 * twice is made twice. When the gateway sends a refund again because the first answer was lost
 * (`retry`), GoPay's refund history (`GET …/refunds`) is read first, and the refund is looked for
 * among the SUCCESS and REQUESTED refunds the gateway has not booked (`refunds-history.ts`):
 * there, it is done (or accepted while REQUESTED) and not sent again; absent, it is sent now,
 * unless GoPay lists a FAILED refund of this very amount, which refuses it.
 */
import { parseJson } from '../http'
import type { OperationOutcome, PaymentReference, ProviderContext, RefundInput } from '../types'
import { answered, callGoPay, paymentPath, TOKEN_SCOPES } from './client'
import { REFUND_COUNTS, toGoPayAmount } from './mapping'
import { operation } from './operations'
import { type History, lookUpRefund } from './refunds-history'
import { GoPayRefundHistory } from './wire'

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
  if (!answered(result.status))
    return { kind: 'unknown', reason: `refund_history_http_${result.status}` }
  const history = GoPayRefundHistory.safeParse(parseJson(result.text))
  if (!history.success) return { kind: 'unknown', reason: 'unreadable_refund_history' }
  const total: History = { moving: [], failedAmounts: [] }
  for (const refund of history.data) {
    const counts = REFUND_COUNTS[refund.state]
    if (counts === 'none') total.failedAmounts.push(refund.amount)
    else total.moving.push({ amount: refund.amount, done: counts === 'done' })
  }
  return total
}

/** What a retried refund's history says: already done, in progress, refused, or to be sent. */
export function settledByHistory(
  history: History,
  bookedMinor: number,
  amountMinor: number
): OperationOutcome | undefined {
  switch (lookUpRefund(history.moving, bookedMinor, amountMinor)) {
    case 'done':
      return { kind: 'succeeded' }
    case 'in_progress':
      return { kind: 'accepted' }
    case 'absent':
      return history.failedAmounts.includes(amountMinor)
        ? { kind: 'rejected', reason: 'GoPay reports this refund FAILED.', providerCode: 'FAILED' }
        : undefined
  }
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
