/**
 * @module The payment state machine: the canonical statuses and the one table of allowed
 * transitions. Every status change in the gateway is checked here and applied in D1 as a
 * compare-and-set on the status it was read in.
 */

export const PAYMENT_STATUSES = [
  'pending',
  'processing',
  'review',
  'authorized',
  'successful',
  'failed',
  'cancelled',
  'refunded',
  'partially_refunded',
  'chargeback',
] as const

export type PaymentStatus = (typeof PAYMENT_STATUSES)[number]

/**
 * From → allowed next statuses. `pending` waits for the shopper (3-D Secure, hosted page);
 * `processing` is an unknown outcome the gateway must resolve by asking the provider; refunds
 * move a captured payment to (partially_)refunded; a chargeback can arrive after capture.
 */
export const TRANSITIONS = {
  pending: ['processing', 'review', 'authorized', 'successful', 'failed', 'cancelled'],
  processing: ['review', 'authorized', 'successful', 'failed', 'cancelled'],
  review: ['authorized', 'successful', 'failed', 'cancelled', 'chargeback'],
  authorized: ['successful', 'cancelled', 'failed'],
  // A captured payment can still be voided until it settles; the provider decides when that is.
  successful: ['cancelled', 'partially_refunded', 'refunded', 'chargeback'],
  partially_refunded: ['partially_refunded', 'refunded', 'chargeback'],
  refunded: ['chargeback'],
  chargeback: [],
  failed: [],
  cancelled: [],
} as const satisfies Record<PaymentStatus, readonly PaymentStatus[]>

export const canTransition = (from: PaymentStatus, to: PaymentStatus): boolean =>
  (TRANSITIONS[from] as readonly PaymentStatus[]).includes(to)

/** The statuses a refund can start from: money was captured and some of it is still kept. */
export const REFUNDABLE_STATUSES = [
  'successful',
  'partially_refunded',
] as const satisfies readonly PaymentStatus[]

export const isRefundable = (status: PaymentStatus): boolean =>
  (REFUNDABLE_STATUSES as readonly PaymentStatus[]).includes(status)

export const isFinal = (status: PaymentStatus): boolean => TRANSITIONS[status].length === 0
