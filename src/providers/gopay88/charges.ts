/**
 * @module The `charge` objects GoPay88 answers with, and what an order's state means for the
 * payment. Status arrives as a number in notifications (`"status": 2`) and as a numeric string in
 * query answers (`"status": "1"`); amounts as strings with up to three decimals (`"1.660"`).
 */
import * as z from 'zod'
import type { PaymentOutcome } from '../types'
import {
  type CollectionChannel,
  DEFAULT_CHANNEL,
  fromWireAmount,
  isCollectionChannel,
  ORDER_STATUS_MEANING,
  ORDER_STATUSES,
} from './mapping'

export const OrderStatusCode = z
  .union([z.number().int(), z.string().regex(/^\d+$/)])
  .transform(String)
  .pipe(z.enum(ORDER_STATUSES))

const WireAmount = z.union([z.string(), z.number()])

/** `unifiedorder`: the order echoed back, with what the shopper needs in `credential`. */
export const CreatedCharge = z.object({
  out_trade_no: z.string(),
  // PHP's json_encode writes an empty array as `[]`; without it there is no page either.
  credential: z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())]).optional(),
})

/** `orderquery`, and the charge of a notification (which has more fields and may lack status). */
export const OrderCharge = z.object({
  out_trade_no: z.string(),
  channel: z.string(),
  amount: WireAmount,
  /** Notifications only: what the shopper paid. */
  pay_amount: WireAmount.nullish(),
  currency: z.string(),
  status: OrderStatusCode.optional(),
})
export type OrderCharge = z.infer<typeof OrderCharge>

/**
 * The gateway's `providerPaymentId` of a GoPay88 order: channel and out_trade_no, the two values
 * `orderquery` needs besides mchid (GoPay88 gives no order id of its own at creation).
 */
export const providerReference = (channel: string, outTradeNo: string) => `${channel}:${outTradeNo}`

export function channelOfReference(reference: string | null): CollectionChannel | undefined {
  const channel = reference?.split(':', 1)[0] ?? ''
  return isCollectionChannel(channel) ? channel : undefined
}

const isPageUrl = (value: unknown): value is string =>
  typeof value === 'string' && /^https?:\/\/\S+$/i.test(value)

/** Credential fields that name the shopper's page, most specific first (cmpay's drivers). */
const PAGE_FIELDS = ['mweb_url', 'order_qr', 'pay_url', 'payurl', 'cashier_url', 'url']
/** URLs a charge may echo that are the merchant's own, never the shopper's payment page. */
const MERCHANT_URL_FIELDS = new Set(['return_url', 'notify_url'])

/**
 * The URL the shopper pays at. cmpay's drivers give `mweb_url` (H5 page) or `order_qr`; GoPay88
 * documents no collection credential (its only sample is a payout's `{out_trade_no}`), so any
 * other single page URL in the signed credential is taken as well.
 */
export function paymentPageOf(credential: CreatedCharge['credential']): string | undefined {
  if (!credential || Array.isArray(credential)) return undefined
  const named = PAGE_FIELDS.map((field) => credential[field]).find(isPageUrl)
  if (named) return named
  const others = Object.entries(credential)
    .filter(([field, value]) => !MERCHANT_URL_FIELDS.has(field) && isPageUrl(value))
    .map(([, value]) => value as string)
  return others.length === 1 ? others[0] : undefined
}
export type CreatedCharge = z.infer<typeof CreatedCharge>

/**
 * The amount GoPay88 says was paid: the order amount, or `pay_amount` when it names another
 * positive amount (an under- or overpayment the gateway must put in review).
 */
function paidAmountOf(charge: OrderCharge): number | undefined {
  const ordered = fromWireAmount(charge.amount, charge.currency)
  const paid =
    charge.pay_amount === null || charge.pay_amount === undefined
      ? undefined
      : fromWireAmount(charge.pay_amount, charge.currency)
  return paid !== undefined && paid !== ordered ? paid : ordered
}

export function outcomeOfOrder(
  charge: OrderCharge & { status: NonNullable<OrderCharge['status']> }
): PaymentOutcome {
  const providerPaymentId = providerReference(charge.channel, charge.out_trade_no)
  const meaning = ORDER_STATUS_MEANING[charge.status]
  switch (meaning) {
    case 'paid': {
      const amountMinor = paidAmountOf(charge)
      if (amountMinor === undefined) return { kind: 'unknown', reason: 'unreadable_amount' }
      return {
        kind: 'succeeded',
        status: 'successful',
        providerPaymentId,
        amountMinor,
        currency: charge.currency,
      }
    }
    case 'waiting':
      // The status answer carries no payment page; the one from the create answer stays stored.
      return { kind: 'pending', redirectUrl: '', providerPaymentId }
    case 'closed':
      return { kind: 'cancelled', providerPaymentId }
    case 'failed':
      return {
        kind: 'declined',
        declineCode: 'processing_error',
        message: 'The payment failed at GoPay88.',
        providerCode: `status_${charge.status}`,
        providerPaymentId,
      }
  }
}

export const defaultChannelOf = (config: Record<string, string>): CollectionChannel => {
  const configured = config.channel ?? ''
  return isCollectionChannel(configured) ? configured : DEFAULT_CHANNEL
}
