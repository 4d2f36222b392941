/**
 * @module Cancel, refund and capture. A sale is voided on its own day (`CancelRefundPayment`
 * `type=cancel`), refunded later (`type=refund` for all of it, `type=refundp` for part of it:
 * paynkolay.com.tr/entegrasyon/en/09-cancel-refund-payment), and refunded in part on its own day
 * through `PartialRefundPayment` (`refundAmount`). A pre-authorization (PRESALES) is captured
 * by `PreAuthorizationAprove` and released by `PreAuthorizationCancel`. `trxDate` is the sale's
 * date, read from the gateway's payment id. Paynkolay takes no refund reference, so a refund sent
 * again after a lost answer first counts what PaymentList shows as given back.
 */
import type { OperationOutcome, PaymentReference, ProviderContext, RefundInput } from '../types'
import { PATHS, postSigned, readAnswer, type SignedForm, settingsOf } from './client'
import { cancelDateOf, createdAtOf, preAuthDateOf, sameTurkishDay, toNkolayAmount } from './mapping'
import {
  cancelRefundForm,
  partialRefundForm,
  preAuthApproveForm,
  preAuthCancelForm,
} from './requests'
import { listPayment, returnedMinorOf } from './status'
import { BaseAnswer } from './wire'

async function operate(
  ctx: ProviderContext,
  path: string,
  form: SignedForm
): Promise<OperationOutcome> {
  const read = readAnswer(await postSigned(ctx, path, form), BaseAnswer)
  if (!read.ok) return { kind: 'unknown', reason: read.reason }
  const answer = read.value
  if (answer.RESPONSE_CODE === '2')
    return { kind: 'succeeded', providerReference: answer.REFERENCE_CODE }
  if (answer.RESPONSE_CODE === '0' || answer.RESPONSE_CODE === '9') {
    return {
      kind: 'rejected',
      reason: answer.ERROR_MESSAGE || answer.RESPONSE_DATA || 'Paynkolay refused the operation.',
      providerCode: answer.ERROR_CODE || `RESPONSE_CODE_${answer.RESPONSE_CODE}`,
    }
  }
  return { kind: 'unknown', reason: `response_code_${answer.RESPONSE_CODE}` }
}

const NO_REFERENCE: OperationOutcome = {
  kind: 'rejected',
  reason: 'Paynkolay gave this payment no reference code.',
}

const saleDate = (ctx: ProviderContext, payment: PaymentReference) =>
  createdAtOf(payment.paymentId, ctx.deps.now())

export async function cancel(
  ctx: ProviderContext,
  payment: PaymentReference
): Promise<OperationOutcome> {
  const referenceCode = payment.providerPaymentId
  if (!referenceCode) return NO_REFERENCE
  const settings = settingsOf(ctx)
  const date = saleDate(ctx, payment)
  const amount = toNkolayAmount(payment.amountMinor, payment.currency)
  if (payment.authorizeOnly && payment.capturedMinor === 0) {
    const order = { referenceCode, amount, trxDate: preAuthDateOf(date) }
    return operate(ctx, PATHS.preAuthCancel, preAuthCancelForm(settings, order))
  }
  if (!sameTurkishDay(date, ctx.deps.now())) {
    return {
      kind: 'rejected',
      reason: 'Paynkolay voids a sale only on its own day; refund it instead.',
    }
  }
  const order = { referenceCode, type: 'cancel' as const, amount, trxDate: cancelDateOf(date) }
  return operate(ctx, PATHS.cancelRefund, cancelRefundForm(settings, order))
}

export async function refund(
  ctx: ProviderContext,
  payment: PaymentReference,
  input: RefundInput
): Promise<OperationOutcome> {
  const referenceCode = payment.providerPaymentId
  if (!referenceCode) return NO_REFERENCE
  if (input.retry) {
    const listed = await listPayment(ctx, payment)
    if (listed.kind === 'unknown') return listed
    if (
      returnedMinorOf(listed.rows, payment.currency) >=
      payment.refundedMinor + input.amountMinor
    ) {
      return { kind: 'succeeded' }
    }
  }
  const settings = settingsOf(ctx)
  const date = saleDate(ctx, payment)
  const amount = toNkolayAmount(input.amountMinor, payment.currency)
  if (!sameTurkishDay(date, ctx.deps.now())) {
    // Part of the sale is `refundp`, all of it `refund` (en/09-cancel-refund-payment).
    const settled = payment.authorizeOnly ? payment.capturedMinor : payment.amountMinor
    const type = input.amountMinor < settled ? ('refundp' as const) : ('refund' as const)
    const order = { referenceCode, type, amount, trxDate: cancelDateOf(date) }
    return operate(ctx, PATHS.cancelRefund, cancelRefundForm(settings, order))
  }
  // On the sale's day: all of it untouched is a void, anything else the same-day partial refund.
  const whole = !payment.authorizeOnly && input.amountMinor === payment.amountMinor
  if (whole && payment.refundedMinor === 0) {
    const order = { referenceCode, type: 'cancel' as const, amount, trxDate: cancelDateOf(date) }
    return operate(ctx, PATHS.cancelRefund, cancelRefundForm(settings, order))
  }
  return operate(
    ctx,
    PATHS.partialRefund,
    partialRefundForm(settings, { referenceCode, refundAmount: amount })
  )
}

export async function capture(
  ctx: ProviderContext,
  payment: PaymentReference,
  amountMinor: number
): Promise<OperationOutcome> {
  const referenceCode = payment.providerPaymentId
  if (!referenceCode) return NO_REFERENCE
  const order = {
    referenceCode,
    amount: toNkolayAmount(amountMinor, payment.currency),
    trxDate: preAuthDateOf(saleDate(ctx, payment)),
  }
  return operate(ctx, PATHS.preAuthApprove, preAuthApproveForm(settingsOf(ctx), order))
}
