/**
 * @module PayU's answers and notifications as zod schemas. Amounts are minor-unit decimal strings
 * on PayU's wire (`"totalAmount": "1000"`); some serializers write them as numbers, so both are
 * read. Fields the adapter does not use are ignored; only what decides an outcome (ids, `status`,
 * amounts) is required. Shapes: API reference https://developers.payu.com/europe/api and the
 * notification examples of https://developers.payu.com/europe/docs/payment-flows/lifecycle.
 */
import * as z from 'zod'
import { ORDER_STATUSES, REFUND_STATUSES } from './mapping'

const Amount = z.union([z.string().regex(/^\d{1,15}$/), z.number().int().nonnegative()])

/** Optional on the wire: absent, or `null` as serializers that write every field send it. */
const optional = <T extends z.ZodType>(type: T) =>
  type.nullish().transform((value) => value ?? undefined)

/** `status` of every answer: `{statusCode, severity?, code?, codeLiteral?, statusDesc?}`. */
export const PayuStatus = z.object({
  statusCode: z.string().min(1),
  code: optional(z.union([z.string(), z.number()]).transform(String)),
  codeLiteral: optional(z.string()),
  statusDesc: optional(z.string()),
})
export type PayuStatus = z.infer<typeof PayuStatus>

export const PayuError = z.object({ status: PayuStatus })

/** What the OAuth endpoint refuses with: `{error, error_description}`. */
export const OAuthError = z.object({ error: z.string(), error_description: optional(z.string()) })

/** `expires_in` is an integer (43199); a string of digits is read too. */
export const PayuToken = z.object({
  access_token: z.string().min(1),
  token_type: optional(z.string()),
  expires_in: optional(
    z.union([
      z.number().int().nonnegative(),
      z
        .string()
        .regex(/^\d{1,9}$/)
        .transform(Number),
    ])
  ),
  grant_type: optional(z.string()),
})

/** The order-create answer (HTTP 302 with a JSON body for the hosted page, 200/201 otherwise). */
export const OrderCreated = z.object({
  status: PayuStatus,
  redirectUri: optional(z.string()),
  orderId: optional(z.string().min(1)),
  extOrderId: optional(z.string()),
})

export const PayuOrder = z.object({
  orderId: z.string().min(1),
  extOrderId: optional(z.string()),
  status: z.enum(ORDER_STATUSES),
  totalAmount: Amount,
  currencyCode: optional(z.string()),
})
export type PayuOrder = z.infer<typeof PayuOrder>

/** `GET /api/v2_1/orders/{orderId}`: `{orders: [order], status}`. */
export const OrderRetrieved = z.object({ orders: z.array(PayuOrder).min(1) })

/** `refundId` is a string of digits ("5000000142"); written as a number it is read too. */
export const PayuRefund = z.object({
  refundId: z.union([z.string().min(1), z.number().int().nonnegative().transform(String)]),
  extRefundId: optional(z.string()),
  amount: Amount,
  currencyCode: optional(z.string()),
  status: z.enum(REFUND_STATUSES),
})
export type PayuRefund = z.infer<typeof PayuRefund>

export const RefundCreated = z.object({ orderId: optional(z.string()), refund: PayuRefund })

/** `GET …/refunds`: `{refunds: […]}` (the API reference also draws a bare array). */
export const RefundList = z.union([
  z.object({ refunds: z.array(PayuRefund) }).transform((list) => list.refunds),
  z.array(PayuRefund),
])

/** An order status change: `{order, localReceiptDateTime?, properties?}`. */
export const OrderNotification = z.object({ order: PayuOrder })

/**
 * A refund status change: `{orderId, extOrderId, refund}`. PayU's example carries `amount` and
 * `currencyCode`, but a refund made in PayU's panel was notified with only `refundId`, `status`,
 * `reason` and `refundDate` (PayU-EMEA/openpayu_php issue #112), so both are optional here.
 */
export const RefundNotification = z.object({
  orderId: z.string().min(1),
  extOrderId: optional(z.string()),
  refund: PayuRefund.extend({ amount: optional(Amount) }),
})
export type NotifiedRefund = z.infer<typeof RefundNotification>['refund']
