/**
 * @module The parts of Stripe's objects the adapter reads (API reference: PaymentIntent, Refund,
 * Charge, Dispute, Customer), parsed with zod. An unknown PaymentIntent or Refund status fails
 * the parse: it is never guessed.
 */
import * as z from 'zod'
import { StripeError } from './client'
import { INTENT_STATUSES, REFUND_STATUSES } from './mapping'

/** An expandable field: the id, or the object when expanded. */
const idOf = z.union([z.string(), z.object({ id: z.string() }).transform((o) => o.id)])

/** Metadata, which a Refund may carry as `null` (stripe-node `Refund.metadata: Metadata | null`). */
const Metadata = z
  .record(z.string(), z.string())
  .nullish()
  .transform((metadata) => metadata ?? {})

export const PaymentIntent = z.object({
  id: z.string(),
  object: z.literal('payment_intent'),
  status: z.enum(INTENT_STATUSES),
  amount: z.number().int(),
  amount_capturable: z.number().int().default(0),
  amount_received: z.number().int().default(0),
  currency: z.string(),
  customer: idOf.nullish(),
  payment_method: idOf.nullish(),
  latest_charge: idOf.nullish(),
  setup_future_usage: z.string().nullish(),
  metadata: Metadata,
  last_payment_error: StripeError.nullish(),
  next_action: z
    .object({
      type: z.string(),
      redirect_to_url: z.object({ url: z.string().nullish() }).nullish(),
    })
    .nullish(),
})
export type PaymentIntent = z.infer<typeof PaymentIntent>

export const Refund = z.object({
  id: z.string(),
  object: z.literal('refund'),
  amount: z.number().int(),
  currency: z.string(),
  status: z.enum(REFUND_STATUSES),
  payment_intent: idOf.nullish(),
  charge: idOf.nullish(),
  metadata: Metadata,
  failure_reason: z.string().nullish(),
})
export type Refund = z.infer<typeof Refund>

export const Charge = z.object({
  id: z.string(),
  object: z.literal('charge'),
  payment_intent: idOf.nullish(),
  metadata: Metadata,
  /** Present on API versions before 2022-11-15, or when expanded. */
  refunds: z.object({ data: z.array(Refund) }).nullish(),
})

export const Dispute = z.object({
  id: z.string(),
  object: z.literal('dispute'),
  amount: z.number().int(),
  currency: z.string(),
  payment_intent: idOf.nullish(),
  charge: idOf.nullish(),
})

export const Customer = z.object({ id: z.string(), object: z.literal('customer') })

export const PaymentMethod = z.object({
  id: z.string(),
  object: z.literal('payment_method'),
  customer: idOf.nullable(),
})

export const SearchResult = z.object({
  object: z.literal('search_result'),
  data: z.array(PaymentIntent),
})

export const RefundList = z.object({ object: z.literal('list'), data: z.array(Refund) })
