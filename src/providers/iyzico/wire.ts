/**
 * @module iyzico's answers as the adapter reads them (zod). Amounts arrive as JSON numbers and ids
 * as strings or numbers depending on the endpoint; both are kept as sent, since response
 * signatures are computed over their text. Field names: iyzico/iyzipay-java@85a63a2
 * `model/PaymentResource.java`, `ThreedsInitialize.java`, `CheckoutFormInitializeResource.java`,
 * `CheckoutForm.java`, `Refund.java`, `Cancel.java`, `PaymentDetail.java` (reporting).
 */
import { z } from 'zod'
import { PAYMENT_STATUSES, PHASES } from './mapping'

const Id = z.union([z.string(), z.number()]).transform(String)
const Amount = z.union([z.number(), z.string()])

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
  installment: z.number().nullish(),
  paymentStatus: z.enum(PAYMENT_STATUSES).nullish(),
  phase: z.enum(PHASES).nullish(),
  mdStatus: z.union([z.number(), z.string()]).nullish(),
  fraudStatus: z.number().nullish(),
  itemTransactions: z.array(ItemTransaction).nullish(),
  signature: z.string().nullish(),
  /** Checkout form result only. */
  token: z.string().nullish(),
})
export type PaymentAnswer = z.infer<typeof PaymentAnswer>

export const ThreedsInitializeAnswer = z.object({
  conversationId: z.string().nullish(),
  paymentId: Id,
  threeDSHtmlContent: z.string().min(1),
  signature: z.string().nullish(),
})

export const CheckoutFormInitializeAnswer = z.object({
  conversationId: z.string().nullish(),
  token: z.string().min(1),
  paymentPageUrl: z.string().url(),
  tokenExpireTime: z.number().nullish(),
  signature: z.string().nullish(),
})

export const RefundAnswer = z.object({
  conversationId: z.string().nullish(),
  paymentId: Id,
  price: Amount.nullish(),
  currency: z.string().nullish(),
  refundHostReference: z.string().nullish(),
  signature: z.string().nullish(),
})

export const CancelAnswer = z.object({ paymentId: Id })

/** `GET /v2/reporting/payment/details`: one entry per payment of the conversation. */
const ReportedRefund = z.object({
  refundConversationId: z.string().nullish(),
  cancelConversationId: z.string().nullish(),
  refundPrice: Amount.nullish(),
  refundStatus: z.number().nullish(),
})
export const ReportingAnswer = z.object({
  payments: z.array(
    z.object({
      paymentId: Id,
      paymentStatus: z.number().nullish(),
      cancels: z.array(ReportedRefund).nullish(),
      itemTransactions: z.array(z.object({ refunds: z.array(ReportedRefund).nullish() })).nullish(),
    })
  ),
})
export type ReportedPayment = z.infer<typeof ReportingAnswer>['payments'][number]
