/**
 * @module What Adyen's Checkout API v71 values mean for the gateway, in one place: amounts in
 * Adyen's minor units, `resultCode`s, and the standard webhook's `eventCode`s. Refusal reasons are
 * in `refusal-reasons.ts`.
 *
 * Docs: https://docs.adyen.com/api-explorer/Checkout/71/overview
 * Currency table: https://docs.adyen.com/development-resources/currency-codes
 * Result codes: https://docs.adyen.com/online-payments/build-your-integration/payment-result-codes
 * Event codes: https://docs.adyen.com/development-resources/webhooks/webhook-types (and the SDK's
 * `NotificationRequestItem.EventCodeEnum`, Adyen/adyen-node-api-library
 * src/typings/notification/notificationRequestItem.ts; Adyen/adyen-openapi json/Webhooks-v1.json)
 */
import { exponentOf, isCurrency } from '../../domain/money'

/**
 * Where Adyen's currency table departs from ISO 4217 ("For CLP, CVE, IDR, and ISK the standard has
 * a different number of decimals than shown in our currency codes table"): IDR is sent in whole
 * rupiah, ISK and CLP with two decimals, CVE with none. Adyen's own web SDK lists IDR among its
 * zero-decimal currencies too (Adyen/adyen-web packages/lib/src/utils/constants/currency-decimals.ts).
 */
export const ADYEN_EXPONENT_OVERRIDES: Readonly<Record<string, number>> = {
  CLP: 2,
  CVE: 0,
  IDR: 0,
  ISK: 2,
}

export const adyenExponentOf = (currency: string): number =>
  ADYEN_EXPONENT_OVERRIDES[currency] ?? exponentOf(currency)

export interface AdyenAmount {
  value: number
  currency: string
}

/**
 * Gateway minor units (ISO exponent) as Adyen's `{value, currency}`; undefined when the amount has
 * digits Adyen cannot take (IDR 1000.50: Adyen counts whole rupiah).
 */
export function toAdyenAmount(minor: number, currency: string): AdyenAmount | undefined {
  const shift = adyenExponentOf(currency) - exponentOf(currency)
  if (shift >= 0) return { value: minor * 10 ** shift, currency }
  const divisor = 10 ** -shift
  return minor % divisor === 0 ? { value: minor / divisor, currency } : undefined
}

/** An Adyen `amount.value` as gateway minor units; undefined for a currency the gateway lacks. */
export function fromAdyenValue(value: number, currency: string): number | undefined {
  if (!isCurrency(currency)) return undefined
  const shift = exponentOf(currency) - adyenExponentOf(currency)
  if (shift >= 0) return value * 10 ** shift
  const divisor = 10 ** -shift
  return value % divisor === 0 ? value / divisor : undefined
}

/** `PaymentResponse.ResultCodeEnum` of the SDK (src/typings/checkout/paymentResponse.ts). */
export const RESULT_CODES = [
  'AuthenticationFinished',
  'AuthenticationNotRequired',
  'Authorised',
  'Cancelled',
  'ChallengeShopper',
  'Error',
  'IdentifyShopper',
  'PartiallyAuthorised',
  'Pending',
  'PresentToShopper',
  'Received',
  'RedirectShopper',
  'Refused',
  'Success',
] as const
export type ResultCode = (typeof RESULT_CODES)[number]

/**
 * - `authorised`: the money is reserved (and captured, unless manual capture was asked for).
 * - `success`: a payment method that completes at once (no separate capture).
 * - `action`: the shopper must act; only a `redirect` action can be sent to a merchant's server.
 * - `awaiting`: Adyen answers later by webhook (`Pending`, `Received`).
 * - `not_authorised`: the flow stopped before an authorisation was made (native 3-D Secure 2,
 *   authentication-only), which this gateway never asks for.
 */
export type ResultKind =
  | 'authorised'
  | 'partially_authorised'
  | 'success'
  | 'refused'
  | 'error'
  | 'cancelled'
  | 'action'
  | 'awaiting'
  | 'not_authorised'

export const RESULT_KIND = {
  Authorised: 'authorised',
  PartiallyAuthorised: 'partially_authorised',
  Success: 'success',
  Refused: 'refused',
  Error: 'error',
  Cancelled: 'cancelled',
  RedirectShopper: 'action',
  IdentifyShopper: 'action',
  ChallengeShopper: 'action',
  PresentToShopper: 'action',
  Pending: 'awaiting',
  Received: 'awaiting',
  AuthenticationFinished: 'not_authorised',
  AuthenticationNotRequired: 'not_authorised',
} as const satisfies Record<ResultCode, ResultKind>

/**
 * Every `eventCode` of the standard webhook: the SDK's `EventCodeEnum`, plus those Adyen's webhook
 * OpenAPI (Webhooks-v1.json) lists beyond it.
 */
export const EVENT_CODES = [
  'ACH_NOTIFICATION_OF_CHANGE',
  'AUTHENTICATION',
  'AUTHORISATION',
  'AUTHORISATION_ADJUSTMENT',
  'AUTORESCUE',
  'CANCELLATION',
  'CANCEL_AUTORESCUE',
  'CANCEL_OR_REFUND',
  'CAPTURE',
  'CAPTURE_FAILED',
  'CHARGEBACK',
  'CHARGEBACK_REVERSED',
  'DIRECT_DEBIT_NOTICE_OF_CHANGE_NOTIFICATION',
  'DISPUTE_DEFENSE_PERIOD_ENDED',
  'DONATION',
  'EXPIRE',
  'HANDLED_EXTERNALLY',
  'INFORMATION_SUPPLIED',
  'ISSUER_COMMENTS',
  'ISSUER_RESPONSE_TIMEFRAME_EXPIRED',
  'MANUAL_REVIEW_ACCEPT',
  'MANUAL_REVIEW_REJECT',
  'NOTIFICATION_OF_CHARGEBACK',
  'NOTIFICATION_OF_FRAUD',
  'OFFER_CLOSED',
  'ORDER_CLOSED',
  'ORDER_OPENED',
  'PAIDOUT_REVERSED',
  'PAYOUT_DECLINE',
  'PAYOUT_EXPIRE',
  'PAYOUT_THIRDPARTY',
  'PENDING',
  'POSTPONED_REFUND',
  'PREARBITRATION_ACCEPTED',
  'PREARBITRATION_DECLINED',
  'PREARBITRATION_ISSUER_WITHDRAWN',
  'PREARBITRATION_LOST',
  'PREARBITRATION_OPEN',
  'PREARBITRATION_WON',
  'PROCESS_RETRY',
  'RECURRING_CONTRACT',
  'REFUND',
  'REFUNDED_REVERSED',
  'REFUND_FAILED',
  'REFUND_WITH_DATA',
  'REPORT_AVAILABLE',
  'REQUEST_FOR_INFORMATION',
  'SCHEME_ARBITRATION',
  'SCHEME_ARBITRATION_LOST',
  'SCHEME_ARBITRATION_WON',
  'SECOND_CHARGEBACK',
  'TECHNICAL_CANCEL',
  'VOID_PENDING_REFUND',
] as const
export type EventCode = (typeof EVENT_CODES)[number]

/**
 * What a notification of each event does to a payment:
 * - `authorisation`: the payment's result (`success` says authorised or refused).
 * - `capture` / `cancellation` / `refund`: the outcome of a modification Adyen had `received`;
 *   `success: "false"` means it did not happen.
 * - `capture_failed` / `refund_failed`: a modification that had succeeded was rejected later by
 *   the scheme (`REFUNDED_REVERSED`: the refunded money came back).
 * - `cancel_or_refund`: a `/reversals` outcome (`additionalData.modification.action` says which).
 * - `voided`: the authorisation ended without money taken (expired, technical cancel, the shopper
 *   never finished the offer, or a manual review rejected it).
 * - `ignored`: nothing for the payment's state (disputes still open, payouts, reports, orders).
 */
export type EventHandling =
  | 'authorisation'
  | 'capture'
  | 'capture_failed'
  | 'cancellation'
  | 'cancel_or_refund'
  | 'refund'
  | 'refund_failed'
  | 'recurring_contract'
  | 'chargeback'
  | 'voided'
  | 'ignored'

export const EVENT_HANDLING = {
  AUTHORISATION: 'authorisation',
  CAPTURE: 'capture',
  CAPTURE_FAILED: 'capture_failed',
  CANCELLATION: 'cancellation',
  CANCEL_OR_REFUND: 'cancel_or_refund',
  REFUND: 'refund',
  REFUND_FAILED: 'refund_failed',
  REFUNDED_REVERSED: 'refund_failed',
  RECURRING_CONTRACT: 'recurring_contract',
  CHARGEBACK: 'chargeback',
  // A second presentment after a reversed chargeback takes the money again.
  SECOND_CHARGEBACK: 'chargeback',
  EXPIRE: 'voided',
  TECHNICAL_CANCEL: 'voided',
  OFFER_CLOSED: 'voided',
  MANUAL_REVIEW_REJECT: 'voided',
  ACH_NOTIFICATION_OF_CHANGE: 'ignored',
  AUTHENTICATION: 'ignored',
  AUTHORISATION_ADJUSTMENT: 'ignored',
  AUTORESCUE: 'ignored',
  CANCEL_AUTORESCUE: 'ignored',
  CHARGEBACK_REVERSED: 'ignored',
  DIRECT_DEBIT_NOTICE_OF_CHANGE_NOTIFICATION: 'ignored',
  DISPUTE_DEFENSE_PERIOD_ENDED: 'ignored',
  DONATION: 'ignored',
  HANDLED_EXTERNALLY: 'ignored',
  INFORMATION_SUPPLIED: 'ignored',
  ISSUER_COMMENTS: 'ignored',
  ISSUER_RESPONSE_TIMEFRAME_EXPIRED: 'ignored',
  MANUAL_REVIEW_ACCEPT: 'ignored',
  NOTIFICATION_OF_CHARGEBACK: 'ignored',
  NOTIFICATION_OF_FRAUD: 'ignored',
  ORDER_CLOSED: 'ignored',
  ORDER_OPENED: 'ignored',
  PAIDOUT_REVERSED: 'ignored',
  PAYOUT_DECLINE: 'ignored',
  PAYOUT_EXPIRE: 'ignored',
  PAYOUT_THIRDPARTY: 'ignored',
  PENDING: 'ignored',
  POSTPONED_REFUND: 'ignored',
  PREARBITRATION_ACCEPTED: 'ignored',
  PREARBITRATION_DECLINED: 'ignored',
  PREARBITRATION_ISSUER_WITHDRAWN: 'ignored',
  PREARBITRATION_LOST: 'ignored',
  PREARBITRATION_OPEN: 'ignored',
  PREARBITRATION_WON: 'ignored',
  PROCESS_RETRY: 'ignored',
  REFUND_WITH_DATA: 'ignored',
  REPORT_AVAILABLE: 'ignored',
  REQUEST_FOR_INFORMATION: 'ignored',
  SCHEME_ARBITRATION: 'ignored',
  SCHEME_ARBITRATION_LOST: 'ignored',
  SCHEME_ARBITRATION_WON: 'ignored',
  VOID_PENDING_REFUND: 'ignored',
} as const satisfies Record<EventCode, EventHandling>

export const isEventCode = (code: string): code is EventCode => Object.hasOwn(EVENT_HANDLING, code)
