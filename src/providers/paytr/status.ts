/**
 * @module `POST /odeme/durum-sorgu` (dev.paytr.com/durum-sorgu): looks an order up by our
 * `merchant_oid`, so it works without any id of PayTR's. It answers the paid amount, currency and
 * the refunds made (`returns`, each with the `reference_no` sent), or `err_no` 004 while no
 * successful payment exists: not paid yet, failed, or never created alike.
 */
import type { PaymentOutcome, ProviderContext } from '../types'
import { PATHS, postForm, readAnswer, settingsOf } from './client'
import { fromPaytrDecimal, isoCurrencyOf, statusErrorOf } from './mapping'
import { statusForm } from './requests'
import { StatusAnswer } from './wire'

export type OrderStatus =
  | {
      kind: 'paid'
      amountMinor: number
      currency: string
      returns: { amountMinor: number; referenceNo: string | null }[]
    }
  | { kind: 'not_paid'; code: string; message: string }
  | { kind: 'unknown'; reason: string }

export async function queryStatus(ctx: ProviderContext, merchantOid: string): Promise<OrderStatus> {
  const form = statusForm(settingsOf(ctx), merchantOid)
  const answer = readAnswer(
    await postForm(ctx, PATHS.status, form.fields, form.hashStr),
    StatusAnswer
  )
  if (!answer.ok) return { kind: 'unknown', reason: answer.reason }
  const status = answer.value
  if (status.status !== 'success') {
    return statusErrorOf(status.err_no) === 'not_paid'
      ? { kind: 'not_paid', code: status.err_no, message: status.err_msg }
      : { kind: 'unknown', reason: `status_error_${status.err_no}` }
  }
  const currency = isoCurrencyOf(status.currency)
  if (!currency) return { kind: 'unknown', reason: 'unreadable_status' }
  const amountMinor = fromPaytrDecimal(status.payment_amount, currency)
  if (amountMinor === undefined) return { kind: 'unknown', reason: 'unreadable_status' }
  const returns = []
  for (const entry of status.returns ?? []) {
    const returned = fromPaytrDecimal(entry.return_amount, currency)
    if (returned === undefined) return { kind: 'unknown', reason: 'unreadable_returns' }
    returns.push({ amountMinor: returned, referenceNo: entry.reference_no ?? null })
  }
  return { kind: 'paid', amountMinor, currency, returns }
}

/** What the status says about the payment: paid, or still without a successful payment. */
export function outcomeOfStatus(status: OrderStatus, merchantOid: string): PaymentOutcome {
  switch (status.kind) {
    case 'paid':
      return {
        kind: 'succeeded',
        status: 'successful',
        providerPaymentId: merchantOid,
        amountMinor: status.amountMinor,
        currency: status.currency,
      }
    case 'not_paid':
      // Not paid, or failed: PayTR does not tell them apart; its notification will.
      return { kind: 'pending', redirectUrl: '', providerPaymentId: merchantOid }
    case 'unknown':
      return status
  }
}
