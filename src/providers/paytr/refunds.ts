/**
 * @module Refunds (`POST /odeme/iade`, dev.paytr.com/iade-api), full or partial, and cancel, which
 * PayTR has no endpoint for: a cancel is a refund of what is left (the same conclusion as the
 * PayTR samples, which offer only iade). PayTR answers synchronously. Each refund carries
 * `reference_no` (our refund id without `_`; "En fazla 64 karakter, alfa numerik"), which the status
 * query lists under `returns`. PayTR documents no uniqueness check on it, so a refund sent again
 * because its answer was lost (`retry`) is first looked for there, as paytr/paytr-whmcs
 * @3b44c96 `paytr_find_refund_by_reference` does; a cancel always looks first.
 */
import type { OperationOutcome, PaymentReference, ProviderContext, RefundInput } from '../types'
import { PATHS, postForm, readAnswer, settingsOf } from './client'
import {
  cancelReferenceOf,
  fromPaytrDecimal,
  isRefundErrorCode,
  merchantOidOf,
  REFUND_ERRORS,
  referenceNoOf,
} from './mapping'
import { refundForm } from './requests'
import { type OrderStatus, queryStatus } from './status'
import { RefundAnswer } from './wire'

interface RefundOrder {
  merchantOid: string
  amountMinor: number
  currency: string
  referenceNo: string
}

const NO_ORDER = 'PayTR has no order under this merchant_oid.'

async function sendRefund(ctx: ProviderContext, order: RefundOrder): Promise<OperationOutcome> {
  const form = refundForm(settingsOf(ctx), order)
  const answer = readAnswer(
    await postForm(ctx, PATHS.refund, form.fields, form.hashStr),
    RefundAnswer
  )
  if (!answer.ok) return { kind: 'unknown', reason: answer.reason }
  const refund = answer.value
  if (refund.status !== 'success') {
    if (refund.err_no === undefined) {
      // `failed` without a number: no such order ("sipariş numarası yok ise … failed").
      return refund.status === 'failed'
        ? { kind: 'rejected', reason: refund.err_msg || NO_ORDER, providerCode: 'failed' }
        : { kind: 'unknown', reason: 'refund_error_without_number' }
    }
    // An err_no PayTR does not document may still have refunded: ask again (retry) rather than guess.
    if (!isRefundErrorCode(refund.err_no)) {
      return { kind: 'unknown', reason: `refund_error_${refund.err_no}` }
    }
    return { kind: 'rejected', reason: REFUND_ERRORS[refund.err_no], providerCode: refund.err_no }
  }
  const returned = fromPaytrDecimal(refund.return_amount, order.currency)
  if (refund.merchant_oid !== order.merchantOid || returned !== order.amountMinor) {
    return { kind: 'unknown', reason: 'refund_answer_for_another_refund' }
  }
  return { kind: 'succeeded', providerReference: refund.reference_no ?? order.referenceNo }
}

const listed = (status: OrderStatus, referenceNo: string) =>
  status.kind === 'paid' && status.returns.some((r) => r.referenceNo === referenceNo)

const returnedMinor = (status: OrderStatus & { kind: 'paid' }) =>
  status.returns.reduce((sum, r) => sum + r.amountMinor, 0)

export async function refund(
  ctx: ProviderContext,
  payment: PaymentReference,
  input: RefundInput
): Promise<OperationOutcome> {
  const order = {
    merchantOid: merchantOidOf(payment.paymentId),
    amountMinor: input.amountMinor,
    currency: payment.currency,
    referenceNo: referenceNoOf(input.refundId),
  }
  if (input.retry) {
    const status = await queryStatus(ctx, order.merchantOid)
    if (status.kind === 'unknown') return status
    if (listed(status, order.referenceNo)) {
      return { kind: 'succeeded', providerReference: order.referenceNo }
    }
  }
  return sendRefund(ctx, order)
}

/**
 * Cancel = refund everything not yet refunded, under one reference per payment. What is left is
 * the lesser of the gateway's and PayTR's view: a refund whose answer was lost is already listed
 * in `returns`, and PayTR refuses more than is left (009).
 */
export async function cancel(
  ctx: ProviderContext,
  payment: PaymentReference
): Promise<OperationOutcome> {
  const merchantOid = merchantOidOf(payment.paymentId)
  const referenceNo = cancelReferenceOf(merchantOid)
  const status = await queryStatus(ctx, merchantOid)
  if (status.kind === 'unknown') return status
  if (status.kind === 'not_paid') {
    return { kind: 'rejected', reason: REFUND_ERRORS['005'], providerCode: status.code }
  }
  if (listed(status, referenceNo)) return { kind: 'succeeded', providerReference: referenceNo }
  const amountMinor = Math.min(
    payment.amountMinor - payment.refundedMinor,
    status.amountMinor - returnedMinor(status)
  )
  if (amountMinor <= 0) return { kind: 'rejected', reason: REFUND_ERRORS['009'] }
  return sendRefund(ctx, { merchantOid, amountMinor, currency: payment.currency, referenceNo })
}
