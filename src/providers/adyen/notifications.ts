/**
 * @module One item of Adyen's standard webhook as the gateway reads it. In a payment's own events
 * (AUTHORISATION, OFFER_CLOSED, EXPIRE) `pspReference` is the payment and `merchantReference` the
 * `reference` we sent (our payment id). In modification events (CAPTURE, CANCELLATION, REFUND …)
 * `originalReference` is the payment, `pspReference` the modification, and `merchantReference`
 * the `reference` of the modification request: our payment id for captures and cancels, our
 * refund id for refunds. RECURRING_CONTRACT's `pspReference` is the stored method
 * (`storedPaymentMethodId`) and `originalReference`/`originalPsp` the first payment.
 * Docs: https://docs.adyen.com/development-resources/webhooks/webhook-types,
 * Adyen/adyen-openapi json/Webhooks-v1.json (examples per event code).
 */
import { DECLINE_MESSAGES } from '../../domain/decline-codes'
import type { WebhookChange, WebhookNotification } from '../types'
import { EVENT_HANDLING, fromAdyenValue, isEventCode } from './mapping'
import { captureModeIn } from './outcomes'
import { encodeStoredMethod, storedMethodFrom } from './recurring-token'
import { declineOf } from './refusal-reasons'
import { GOPAY_WALLET } from './requests'
import type { NotificationRequestItem } from './wire'

/** Adyen's duplicates repeat event code, pspReference and success. */
export const eventIdOf = (item: NotificationRequestItem) =>
  `${item.eventCode}:${item.pspReference}:${item.success}`

const minorOf = (item: NotificationRequestItem) =>
  fromAdyenValue(item.amount.value, item.amount.currency)

const REFUND_EVENTS = new Set(['REFUND', 'REFUND_FAILED', 'REFUNDED_REVERSED'])

/** Which payment the item is about, in Adyen's terms and ours. */
function subjectOf(item: NotificationRequestItem) {
  const providerPaymentId =
    item.eventCode === 'AUTHORISATION'
      ? item.pspReference
      : item.originalReference || item.originalPsp || item.pspReference
  // A refund's merchantReference is the refund's reference, not the payment's.
  const paymentId =
    REFUND_EVENTS.has(item.eventCode) || !item.merchantReference
      ? undefined
      : item.merchantReference
  return { providerPaymentId, ...(paymentId ? { paymentId } : {}) }
}

function authorisationChange(item: NotificationRequestItem): WebhookChange {
  const providerPaymentId = item.pspReference
  if (item.success === 'false') {
    const declineCode = declineOf({ resultCode: 'Refused', reason: item.reason })
    return {
      kind: 'payment',
      outcome: {
        kind: 'declined',
        declineCode,
        message: DECLINE_MESSAGES[declineCode],
        ...(item.reason ? { providerCode: item.reason } : {}),
        providerPaymentId,
      },
    }
  }
  const amountMinor = minorOf(item)
  const stored = storedMethodFrom(item.additionalData, {
    shopperReference: item.merchantReference ?? '',
    type: item.paymentMethod === GOPAY_WALLET ? GOPAY_WALLET : 'scheme',
  })
  return {
    kind: 'payment',
    outcome: {
      kind: 'succeeded',
      status: captureModeIn(item.additionalData) === 'manual' ? 'authorized' : 'successful',
      providerPaymentId,
      ...(amountMinor !== undefined ? { amountMinor } : {}),
      currency: item.amount.currency,
      ...(stored && stored.shopperReference.length >= 3
        ? { recurringToken: encodeStoredMethod(stored) }
        : {}),
    },
  }
}

const failed = (
  operation: 'capture' | 'cancel' | 'refund',
  item: NotificationRequestItem
): WebhookChange => ({
  kind: 'operation_failed',
  operation,
  reason: item.reason || `${item.eventCode} did not succeed`,
  ...(operation === 'refund' && item.merchantReference
    ? { reference: item.merchantReference }
    : {}),
  providerReference: item.pspReference,
})

function refundChange(item: NotificationRequestItem): WebhookChange {
  const amountMinor = minorOf(item)
  if (amountMinor === undefined) return { kind: 'ignored', reason: 'refund in an unknown currency' }
  return {
    kind: 'refund',
    amountMinor,
    providerRefundId: item.pspReference,
    ...(item.merchantReference ? { reference: item.merchantReference } : {}),
  }
}

export function changeOf(item: NotificationRequestItem): WebhookChange {
  if (!isEventCode(item.eventCode)) {
    return { kind: 'ignored', reason: `event code ${item.eventCode} is not one Adyen documents` }
  }
  const ok = item.success === 'true'
  const payment = subjectOf(item).providerPaymentId
  switch (EVENT_HANDLING[item.eventCode]) {
    case 'authorisation':
      return authorisationChange(item)
    case 'capture': {
      if (!ok) return failed('capture', item)
      const capturedMinor = minorOf(item)
      return {
        kind: 'payment',
        outcome: {
          kind: 'succeeded',
          status: 'successful',
          providerPaymentId: payment,
          ...(capturedMinor !== undefined ? { capturedMinor } : {}),
        },
      }
    }
    case 'capture_failed':
      return failed('capture', item)
    case 'cancellation':
      return ok
        ? { kind: 'payment', outcome: { kind: 'cancelled', providerPaymentId: payment } }
        : failed('cancel', item)
    case 'cancel_or_refund': {
      const refunded = item.additionalData?.['modification.action'] === 'refund'
      if (!ok) return failed(refunded ? 'refund' : 'cancel', item)
      return refunded
        ? refundChange(item)
        : { kind: 'payment', outcome: { kind: 'cancelled', providerPaymentId: payment } }
    }
    case 'refund':
      return ok ? refundChange(item) : failed('refund', item)
    case 'refund_failed':
      return failed('refund', item)
    case 'recurring_contract':
      return ok
        ? {
            kind: 'recurring_token',
            token: encodeStoredMethod({
              storedPaymentMethodId: item.pspReference,
              shopperReference:
                item.additionalData?.shopperReference ??
                item.additionalData?.['recurring.shopperReference'] ??
                item.merchantReference ??
                '',
              type: item.paymentMethod === GOPAY_WALLET ? GOPAY_WALLET : 'scheme',
            }),
          }
        : { kind: 'ignored', reason: 'the payment method was not stored' }
    case 'chargeback': {
      const amountMinor = minorOf(item)
      return { kind: 'chargeback', ...(amountMinor !== undefined ? { amountMinor } : {}) }
    }
    case 'voided':
      return ok
        ? { kind: 'payment', outcome: { kind: 'cancelled', providerPaymentId: payment } }
        : { kind: 'ignored', reason: `${item.eventCode} with success false` }
    case 'ignored':
      return { kind: 'ignored', reason: `${item.eventCode} changes nothing here` }
  }
}

export const notificationOf = (item: NotificationRequestItem): WebhookNotification => ({
  eventId: eventIdOf(item),
  ...subjectOf(item),
  change: changeOf(item),
})
