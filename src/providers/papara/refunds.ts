/**
 * @module Refunds: `PUT /payments?id=<Papara payment id>` with an empty body refunds the whole
 * payment (node SDK `PaymentService.refund`, papara-woocommerce; a third-party Postman copy
 * agrees). There is no amount and no refund reference: partial refunds do not exist
 * (papara-woocommerce: "papara only allow full refunds"), so a partial one is `not_supported`.
 * Without an idempotency
 * reference, a refund sent again after a lost answer first asks whether the payment is already
 * refunded (status 2), and is only sent again when it is not.
 */
import type { OperationOutcome, PaymentReference, ProviderContext, RefundInput } from '../types'
import { askPapara, PAYMENTS_PATH } from './client'
import { STATUS_MEANING } from './mapping'
import { mayHaveActed, paymentOf, rejectionOf } from './outcomes'

/** What Papara says the payment is now; undefined when it does not answer readably. */
async function statusOf(ctx: ProviderContext, id: string) {
  const answer = await askPapara(ctx, { method: 'GET', path: PAYMENTS_PATH, query: { id } })
  const payment = answer.kind === 'data' ? paymentOf(answer.data) : undefined
  return payment && payment.id === id ? STATUS_MEANING[payment.status] : undefined
}

export const WHOLE_ONLY =
  'Papara refunds only the whole payment, once (its refund call takes no amount).'

export async function refund(
  ctx: ProviderContext,
  payment: PaymentReference,
  input: RefundInput
): Promise<OperationOutcome> {
  if (input.amountMinor !== payment.amountMinor || payment.refundedMinor !== 0) {
    return { kind: 'not_supported', reason: WHOLE_ONLY }
  }
  const id = payment.providerPaymentId
  if (!id) return { kind: 'rejected', reason: 'Papara has not reported this payment yet.' }
  if (input.retry) {
    const status = await statusOf(ctx, id)
    if (status === 'refunded') return { kind: 'succeeded' }
    if (status === undefined) return { kind: 'unknown', reason: 'status_before_retry' }
  }
  const answer = await askPapara(ctx, { method: 'PUT', path: PAYMENTS_PATH, query: { id } })
  if (answer.kind === 'data') return { kind: 'succeeded' }
  if (answer.kind === 'unknown') return answer
  return mayHaveActed(answer)
    ? { kind: 'unknown', reason: `papara_${answer.code}` }
    : rejectionOf(answer)
}
