/**
 * @module Writing a payment the provider has just answered for (a created payment or a recurring
 * charge): its row with the outcome's status, its events and the masked provider log, in one D1
 * batch, then the announcement to the merchant's endpoints.
 */
import { isUniqueViolation } from '../db/errors'
import { findPayment, insertPayment, type PaymentRow } from '../db/repos/payments'
import { insertShopperPage, type ShopperPageRow } from '../db/repos/shopper-pages'
import type { StoredItem } from '../db/schema'
import { maskCardNumbers } from '../domain/masking'
import type { ProviderCall } from '../providers/call-log'
import type { PaymentOutcome } from '../providers/types'
import type { Services } from '../services'
import { amountMismatch } from './apply-outcome'
import { presentPayment } from './present'
import {
  type CallContext,
  callContext,
  eventStatement,
  logStatements,
  statusEventStatements,
} from './records'
import { heldForReview } from './risk-review'

export interface PaymentAnswer {
  httpStatus: 201 | 202 | 402
  body: ReturnType<typeof presentPayment>
}

export type StorableOutcome = Exclude<PaymentOutcome, { kind: 'not_supported' }>

/** How an outcome is stored: status and the columns that go with it. */
function fieldsOf(
  outcome: StorableOutcome,
  payment: Pick<PaymentRow, 'amountMinor' | 'currency' | 'recurring' | 'cardMasked'> &
    Partial<Pick<PaymentRow, 'risk'>>
): Partial<PaymentRow> {
  switch (outcome.kind) {
    case 'succeeded':
      if (amountMismatch(payment, outcome)) {
        return {
          status: 'review',
          providerPaymentId: outcome.providerPaymentId,
          capturedMinor: 0,
          message: `The provider reports ${outcome.capturedMinor ?? outcome.amountMinor} ${outcome.currency ?? payment.currency}; review this payment.`,
        }
      }
      return {
        status: heldForReview(payment, outcome.status),
        providerPaymentId: outcome.providerPaymentId,
        capturedMinor:
          outcome.status === 'successful' ? (outcome.capturedMinor ?? payment.amountMinor) : 0,
        ...(outcome.recurringToken && payment.recurring
          ? { recurring: 'active' as const, recurringToken: outcome.recurringToken }
          : {}),
      }
    case 'pending':
      // Without a page to send anyone to, the provider is still making the charge on its own (a
      // recurring charge GoPay answers before charging): its final status follows.
      return outcome.redirectUrl
        ? {
            status: 'pending',
            providerPaymentId: outcome.providerPaymentId,
            redirectUrl: outcome.redirectUrl,
            message: payment.cardMasked
              ? '3-D Secure authentication required'
              : "Send the shopper to redirectUrl to pay on the provider's page",
          }
        : {
            status: 'processing',
            providerPaymentId: outcome.providerPaymentId,
            message: 'The provider is making this charge; the final status will follow.',
          }
    case 'declined':
      return {
        status: 'failed',
        providerPaymentId: outcome.providerPaymentId ?? null,
        declineCode: outcome.declineCode,
        message: outcome.message,
      }
    case 'cancelled':
      return {
        status: 'failed',
        providerPaymentId: outcome.providerPaymentId ?? null,
        declineCode: 'not_permitted',
        message: 'The provider cancelled the charge.',
      }
    case 'unknown':
      return {
        status: 'processing',
        message: 'The provider did not answer in time; the final status will follow.',
      }
  }
}

const httpStatusOf = (row: PaymentRow): PaymentAnswer['httpStatus'] =>
  row.status === 'failed' ? 402 : row.status === 'processing' ? 202 : 201

export const answerOf = (row: PaymentRow): PaymentAnswer => ({
  httpStatus: httpStatusOf(row),
  body: presentPayment(row),
})

/** The columns of a new payment that its request decides, before the provider answered. */
export type NewPayment = Omit<
  PaymentRow,
  | 'status'
  | 'version'
  | 'capturedMinor'
  | 'refundedMinor'
  | 'refundReservedMinor'
  | 'providerPaymentId'
  | 'redirectUrl'
  | 'returnUsedAt'
  | 'declineCode'
  | 'message'
  | 'recurringToken'
  | 'pendingOperation'
  | 'pendingOperationMinor'
  | 'reconcileAttempts'
  | 'nextReconcileAt'
  | 'updatedAt'
  | 'items'
  | 'risk'
  | 'cardFingerprint'
> &
  Partial<Pick<PaymentRow, 'items' | 'risk' | 'cardFingerprint'>>

/** E.164 phone numbers have at most 15 digits: a longer run in the phone field is none. */
const PHONE_MAX_DIGITS = 15

const masked = (text: string | null, minDigits?: number) =>
  text === null ? null : maskCardNumbers(text, minDigits)

const maskedItem = (item: StoredItem): StoredItem => ({
  ...item,
  name: maskCardNumbers(item.name),
  ...(item.id === undefined ? {} : { id: maskCardNumbers(item.id) }),
  ...(item.category === undefined ? {} : { category: maskCardNumbers(item.category) }),
})

/**
 * The merchant's text as the gateway keeps and shows it: a card number pasted into the order
 * reference, the description, an order line or the phone field is cut to first 6 + last 4. Phone
 * numbers themselves stay whole, since Paycell asks about a payment by the shopper's number.
 */
function withoutCardNumbers(payment: NewPayment) {
  return {
    orderId: masked(payment.orderId),
    description: masked(payment.description),
    customerPhone: masked(payment.customerPhone, PHONE_MAX_DIGITS + 1),
    items: payment.items?.map(maskedItem) ?? null,
  }
}

export async function storeNewPayment(
  services: Pick<Services, 'db' | 'announce'>,
  payment: NewPayment,
  outcome: StorableOutcome,
  calls: readonly ProviderCall[],
  operation: CallContext['operation'],
  /** The provider's page for the shopper, kept with the payment (see `shopper-pages.ts`). */
  shopperPage?: ShopperPageRow
): Promise<PaymentAnswer> {
  const now = payment.createdAt
  const row: PaymentRow = {
    ...payment,
    status: 'processing',
    version: 1,
    capturedMinor: 0,
    refundedMinor: 0,
    refundReservedMinor: 0,
    providerPaymentId: null,
    redirectUrl: null,
    returnUsedAt: null,
    declineCode: null,
    message: null,
    recurringToken: null,
    pendingOperation: null,
    pendingOperationMinor: null,
    reconcileAttempts: 0,
    nextReconcileAt: null,
    updatedAt: now,
    risk: payment.risk ?? null,
    cardFingerprint: payment.cardFingerprint ?? null,
    ...withoutCardNumbers(payment),
    ...fieldsOf(outcome, payment),
  }
  const { db } = services
  const context = { ...callContext(row, operation), outcome: outcome.kind }
  try {
    await db.batch([
      insertPayment(db, row),
      eventStatement(db, row, 'payment.created', now),
      ...statusEventStatements(db, row, now),
      ...logStatements(db, context, calls, now),
      ...(shopperPage ? [insertShopperPage(db, shopperPage)] : []),
    ])
  } catch (error) {
    if (!isUniqueViolation(error)) throw error
    // The same reserved id raced in from a retried request: answer with what was stored.
    return answerOf((await findPayment(db, row.tenantId, row.id))!)
  }
  await services.announce(row.tenantId, row.id)
  return answerOf(row)
}
