/**
 * @module A payment's result, once Adyen has one: what `/payments` and `/payments/details` answer,
 * and the AUTHORISATION (and RECURRING_CONTRACT) webhooks sent at that moment.
 * Docs: https://docs.adyen.com/online-payments/tokenization/create-and-use-tokens (the stored
 * method in `additionalData` and RECURRING_CONTRACT).
 */
import type { SimulatorKit } from '../kit/types.ts'
import { notify } from './notify.ts'
import {
  type AdyenStore,
  type Merchant,
  newPspReference,
  type PaymentResult,
  type SimPayment,
} from './store.ts'

export interface SimContext {
  kit: SimulatorKit
  store: AdyenStore
}

const metadataOf = (payment: SimPayment) =>
  Object.fromEntries(Object.entries(payment.metadata).map(([k, v]) => [`metadata.${k}`, v]))

function tokenizationOf(payment: SimPayment): Record<string, string> {
  if (!payment.storedPaymentMethodId || !payment.store) return {}
  return {
    'tokenization.storedPaymentMethodId': payment.storedPaymentMethodId,
    'tokenization.shopperReference': payment.store.shopperReference,
    'tokenization.store.operationType': 'created',
    'recurring.recurringDetailReference': payment.storedPaymentMethodId,
    'recurring.shopperReference': payment.store.shopperReference,
  }
}

/** The answer body for a payment that has a result. */
export function resultBody(payment: SimPayment) {
  const result = payment.result!
  return {
    additionalData: {
      paymentMethod: payment.variant,
      ...metadataOf(payment),
      ...(result.resultCode === 'Authorised' ? tokenizationOf(payment) : {}),
    },
    amount: payment.amount,
    merchantReference: payment.reference,
    paymentMethod: {
      type: payment.method,
      ...(payment.method === 'scheme' ? { brand: payment.variant } : {}),
    },
    pspReference: payment.pspReference,
    ...(result.refusalReason ? { refusalReason: result.refusalReason } : {}),
    ...(result.refusalReasonCode ? { refusalReasonCode: result.refusalReasonCode } : {}),
    resultCode: result.resultCode,
  }
}

/** Records the result and sends the webhooks Adyen sends for it. */
export async function settle(
  sim: SimContext,
  merchant: Merchant,
  payment: SimPayment,
  result: PaymentResult
) {
  payment.result = result
  payment.redirectToken = undefined
  if (result.resultCode === 'Received') return
  const authorised = result.resultCode === 'Authorised'
  payment.authorised = authorised
  if (authorised && !payment.manualCapture) payment.capturedValue = payment.amount.value
  if (authorised && payment.store) {
    payment.storedPaymentMethodId = newPspReference()
    sim.store.storedMethods.set(payment.storedPaymentMethodId, {
      id: payment.storedPaymentMethodId,
      merchantId: merchant.id,
      shopperReference: payment.store.shopperReference,
      type: payment.method,
      variant: payment.variant,
      active: true,
    })
  }
  await notify(sim.kit, merchant, {
    eventCode: 'AUTHORISATION',
    success: authorised,
    pspReference: payment.pspReference,
    merchantReference: payment.reference,
    amount: payment.amount,
    paymentMethod: payment.variant,
    reason: authorised ? '' : (result.refusalReason ?? result.resultCode),
    additionalData: { ...metadataOf(payment), ...(authorised ? tokenizationOf(payment) : {}) },
  })
  if (authorised && payment.storedPaymentMethodId && payment.store) {
    await notify(sim.kit, merchant, {
      eventCode: 'RECURRING_CONTRACT',
      success: true,
      pspReference: payment.storedPaymentMethodId,
      originalReference: payment.pspReference,
      originalPsp: payment.pspReference,
      merchantReference: payment.reference,
      amount: payment.amount,
      paymentMethod: payment.variant,
      additionalData: {
        shopperReference: payment.store.shopperReference,
        'recurring.shopperReference': payment.store.shopperReference,
        'recurring.recurringDetailReference': payment.storedPaymentMethodId,
      },
    })
  }
}
