/**
 * @module iyzico's answers as the adapter reads them (zod). Amounts arrive as JSON numbers and ids
 * as strings or numbers depending on the endpoint; both are kept as sent, since response
 * signatures are computed over their text. Counts and codes are read whether written as numbers or
 * as text: iyzipay-php@168839f's answer fixtures (`tests/Iyzipay/Tests/mock/*.json`) carry
 * `errorCode`, `tokenExpireTime` and `systemTime` either way, and the SDKs' typed models accept both.
 * Field names: iyzico/iyzipay-java@85a63a2
 * `model/PaymentResource.java`, `ThreedsInitialize.java`, `CheckoutFormInitializeResource.java`,
 * `CheckoutForm.java`, `Refund.java`, `Cancel.java`, `PaymentDetail.java` (reporting).
 */
import * as z from 'zod'
import { PAYMENT_STATUSES, PHASES } from './mapping'

const Id = z.union([z.string(), z.number()]).transform(String)
const Amount = z.union([z.number(), z.string()])
/** An integer sent as a JSON number or as its text. */
export const Count = z.union([
  z.number(),
  z
    .string()
    .regex(/^-?\d+$/)
    .transform(Number),
])

export const ItemTransaction = z.object({
  itemId: z.string().nullish(),
  paymentTransactionId: Id,
  price: Amount.nullish(),
  paidPrice: Amount.nullish(),
})

/** A payment (auth, preauth, postauth, 3-D Secure auth, retrieve, checkout form result). */
export const PaymentAnswer = z.object({
  conversationId: z.string().nullish(),
  paymentId: Id.nullish(),
  price: Amount.nullish(),
  paidPrice: Amount.nullish(),
  currency: z.string().nullish(),
  basketId: z.string().nullish(),
  installment: Count.nullish(),
  paymentStatus: z.enum(PAYMENT_STATUSES).nullish(),
  phase: z.enum(PHASES).nullish(),
  mdStatus: z.union([z.number(), z.string()]).nullish(),
  fraudStatus: Count.nullish(),
  itemTransactions: z.array(ItemTransaction).nullish(),
  signature: z.string().nullish(),
  /** Checkout form result only. */
  token: z.string().nullish(),
})
export type PaymentAnswer = z.infer<typeof PaymentAnswer>

/**
 * The bank's page as base64 HTML (`threeDSHtmlContent`, docs "3DS Implementation"), or, on newer
 * API versions, a URL to send the shopper to instead (`threeDsRedirectionUrl`, iyzipay-java@85a63a2
 * `ThreedsInitialize.java`, added in 4e18b73).
 */
export const ThreedsInitializeAnswer = z
  .object({
    conversationId: z.string().nullish(),
    paymentId: Id,
    threeDSHtmlContent: z.string().min(1).nullish(),
    threeDsRedirectionUrl: z.string().url().nullish(),
    signature: z.string().nullish(),
  })
  .refine((a) => a.threeDSHtmlContent || a.threeDsRedirectionUrl)

export const CheckoutFormInitializeAnswer = z.object({
  conversationId: z.string().nullish(),
  token: z.string().min(1),
  paymentPageUrl: z.string().url(),
  tokenExpireTime: Count.nullish(),
  signature: z.string().nullish(),
})

/** `/v2/payment/refund`, and `/payment/refund`, which also names the item (`paymentTransactionId`). */
export const RefundAnswer = z.object({
  conversationId: z.string().nullish(),
  paymentId: Id,
  paymentTransactionId: Id.nullish(),
  price: Amount.nullish(),
  currency: z.string().nullish(),
  refundHostReference: z.string().nullish(),
  signature: z.string().nullish(),
})
export type RefundAnswer = z.infer<typeof RefundAnswer>

export const CancelAnswer = z.object({ paymentId: Id })

/** `GET /v2/reporting/payment/details`: one entry per payment of the conversation. */
const ReportedRefund = z.object({
  refundConversationId: z.string().nullish(),
  cancelConversationId: z.string().nullish(),
  refundPrice: Amount.nullish(),
  refundStatus: Count.nullish(),
})
export const ReportingAnswer = z.object({
  payments: z.array(
    z.object({
      paymentId: Id,
      paymentStatus: Count.nullish(),
      cancels: z.array(ReportedRefund).nullish(),
      itemTransactions: z
        .array(
          z.object({
            paymentTransactionId: Id.nullish(),
            refunds: z.array(ReportedRefund).nullish(),
          })
        )
        .nullish(),
    })
  ),
})
export type ReportedPayment = z.infer<typeof ReportingAnswer>['payments'][number]
export type ReportedRefund = z.infer<typeof ReportedRefund>
