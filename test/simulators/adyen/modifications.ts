/**
 * @module Captures, cancels and refunds on `/payments/{paymentPspReference}/…`: Adyen answers
 * 201 `status: "received"` at once and sends the outcome as a CAPTURE, CANCELLATION or REFUND
 * webhook (sent here right away). Amounts above what may be captured or refunded are refused at
 * once; a refund of an uncaptured payment or a cancel of a captured one fails by webhook, as the
 * webhook OpenAPI's examples show ("Transaction hasn't been captured, refund not possible").
 * Docs: https://docs.adyen.com/online-payments/capture, /cancel, /refund.
 */
import { dropConnection, type Operation } from '../kit/types.ts'
import {
  amountOf,
  asString,
  internalError,
  invalidMerchantAccount,
  json,
  validation,
} from './http.ts'
import { notify } from './notify.ts'
import type { SimContext } from './results.ts'
import { type Amount, type Merchant, newPspReference, type SimPayment } from './store.ts'

export type ModificationKind = 'captures' | 'cancels' | 'refunds'

const OPERATION: Record<ModificationKind, Operation> = {
  captures: 'capture',
  cancels: 'cancel',
  refunds: 'refund',
}

const EVENT: Record<ModificationKind, string> = {
  captures: 'CAPTURE',
  cancels: 'CANCELLATION',
  refunds: 'REFUND',
}

/** What the webhook will say: success, or the reason it failed. */
function apply(kind: ModificationKind, payment: SimPayment, amount: Amount): string | undefined {
  if (!payment.authorised || payment.cancelled) return 'Original payment is not authorised'
  if (kind === 'captures') {
    if (payment.capturedValue > 0) return 'Payment has already been captured'
    // A partial capture releases the rest of the authorisation (Adyen's default).
    payment.capturedValue = amount.value
    return undefined
  }
  if (kind === 'cancels') {
    if (payment.capturedValue > 0) return 'Payment has already been captured, cancel not possible'
    payment.cancelled = true
    return undefined
  }
  if (payment.capturedValue === 0) return "Transaction hasn't been captured, refund not possible"
  payment.refundedValue += amount.value
  return undefined
}

/** Amounts Adyen refuses synchronously: a capture above the authorisation, a refund above what is left. */
function overLimit(kind: ModificationKind, payment: SimPayment, amount: Amount): boolean {
  if (amount.currency !== payment.amount.currency) return true
  if (kind === 'captures') return amount.value > payment.amount.value
  if (kind === 'refunds')
    return payment.capturedValue > 0 && payment.refundedValue + amount.value > payment.capturedValue
  return false
}

export async function modify(
  sim: SimContext,
  merchant: Merchant,
  kind: ModificationKind,
  pspReference: string,
  body: Record<string, unknown>,
  idempotencyKey: string | null
): Promise<Response> {
  const fault = sim.kit.fault(merchant.id, OPERATION[kind])
  if (fault === 'http_500') return internalError()
  const replay = sim.store.answerFor(merchant, idempotencyKey)
  if (replay) return json(replay.body, replay.status, { 'Idempotency-Key': idempotencyKey! })
  if (body.merchantAccount !== merchant.merchantAccount) return invalidMerchantAccount()
  const payment = sim.store.paymentOf(merchant, pspReference)
  if (!payment) return validation('167', 'Original pspReference required for this operation')
  const amount = kind === 'cancels' ? payment.amount : amountOf(body.amount)
  if (!amount) return validation('100', 'Required field amount is not provided.')
  if (overLimit(kind, payment, amount)) return validation('137', 'Invalid amount specified')
  const reference = asString(body.reference) ?? payment.reference
  const modification = newPspReference()
  const failure = apply(kind, payment, amount)
  const answer = {
    status: 201,
    body: {
      merchantAccount: merchant.merchantAccount,
      paymentPspReference: payment.pspReference,
      pspReference: modification,
      reference,
      status: 'received',
      ...(kind === 'cancels' ? {} : { amount }),
    },
  }
  sim.store.remember(merchant, idempotencyKey, answer)
  const about = {
    pspReference: modification,
    originalReference: payment.pspReference,
    merchantReference: reference,
    amount,
    paymentMethod: payment.variant,
  }
  await notify(sim.kit, merchant, {
    ...about,
    eventCode: EVENT[kind],
    success: failure === undefined,
    reason: failure ?? '',
  })
  const lateFailure = failure === undefined && payment.failModification
  if (lateFailure === 'capture' && kind === 'captures') {
    payment.capturedValue = 0
    await notify(sim.kit, merchant, {
      ...about,
      eventCode: 'CAPTURE_FAILED',
      success: true,
      reason: 'Capture Failed',
    })
  }
  if (lateFailure === 'refund' && kind === 'refunds') {
    payment.refundedValue -= amount.value
    await notify(sim.kit, merchant, {
      ...about,
      eventCode: 'REFUND_FAILED',
      success: true,
      reason: 'Refund Failed',
    })
  }
  if (fault === 'drop') return dropConnection()
  return json(
    answer.body,
    answer.status,
    idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}
  )
}

/** `DELETE /storedPaymentMethods/{id}?shopperReference=…&merchantAccount=…`: 204, no body. */
export function deleteStoredMethod(
  sim: SimContext,
  merchant: Merchant,
  id: string,
  query: URLSearchParams
) {
  const fault = sim.kit.fault(merchant.id, 'stop_recurring')
  if (fault === 'http_500') return internalError()
  if (query.get('merchantAccount') !== merchant.merchantAccount) return invalidMerchantAccount()
  const stored = sim.store.storedMethods.get(id)
  if (
    !stored ||
    stored.merchantId !== merchant.id ||
    stored.shopperReference !== query.get('shopperReference')
  )
    return validation('800', 'Contract not found')
  stored.active = false
  if (fault === 'drop') return dropConnection()
  return new Response(null, { status: 204 })
}

/** Control trigger `POST /adyen/__sim/chargeback {merchant, pspReference}`: the shopper disputes. */
export async function chargeback(sim: SimContext, body: Record<string, unknown>) {
  const merchant = sim.store.merchants.get(asString(body.merchant) ?? '')
  const payment = merchant && sim.store.paymentOf(merchant, asString(body.pspReference) ?? '')
  if (!merchant || !payment)
    return json({ error: 'merchant and pspReference of a payment are required' }, 404)
  const value = (payment.capturedValue || payment.amount.value) - payment.refundedValue
  await notify(sim.kit, merchant, {
    eventCode: 'CHARGEBACK',
    success: true,
    pspReference: newPspReference(),
    originalReference: payment.pspReference,
    merchantReference: payment.reference,
    amount: { value, currency: payment.amount.currency },
    paymentMethod: payment.variant,
    reason: 'Fraudulent transaction',
    additionalData: { chargebackReasonCode: '10.4', chargebackSchemeCode: payment.variant },
  })
  return json({ notified: true })
}
