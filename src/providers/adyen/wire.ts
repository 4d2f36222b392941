/**
 * @module Adyen's answers and notifications as the adapter reads them (zod), after the Checkout
 * API v71 OpenAPI (Adyen/adyen-openapi json/CheckoutService-v71.json: PaymentResponse,
 * PaymentDetailsResponse, Payment{Capture,Cancel,Refund}Response, ServiceError) and the webhook
 * OpenAPI (json/Webhooks-v1.json: NotificationRequest). Unknown fields pass; a `resultCode`
 * outside the documented list fails the parse.
 */
import * as z from 'zod'
import { RESULT_CODES } from './mapping'

/**
 * Adyen documents these as JSON integers and strings; a provider that writes the number as a digit
 * string, or a code as a number, is read the same (the HMAC still covers the text it signed).
 */
const Int = z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)])
const Code = z.union([z.string(), z.number().int().transform(String)])

const Amount = z.object({ value: Int, currency: z.string() })

/** `additionalData` is a flat string map; a non-string value is dropped rather than trusted. */
const AdditionalData = z
  .record(z.string(), z.unknown())
  .transform((data) =>
    Object.fromEntries(
      Object.entries(data).filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string'
      )
    )
  )

export const PaymentResponse = z.object({
  resultCode: z.enum(RESULT_CODES),
  pspReference: z.string().optional(),
  merchantReference: z.string().optional(),
  amount: Amount.optional(),
  refusalReason: z.string().optional(),
  refusalReasonCode: Code.optional(),
  additionalData: AdditionalData.optional(),
  paymentMethod: z.object({ type: z.string().optional() }).nullish(),
  action: z
    .object({
      type: z.string(),
      url: z.string().optional(),
      method: z.string().optional(),
      paymentMethodType: z.string().optional(),
    })
    .nullish(),
})
export type PaymentResponse = z.infer<typeof PaymentResponse>

/** 201 of `/payments/{pspReference}/captures|cancels|refunds`: always `received`. */
export const ModificationResponse = z.object({
  status: z.literal('received'),
  pspReference: z.string(),
  paymentPspReference: z.string(),
  reference: z.string().optional(),
})

/**
 * Each field is read on its own: one malformed field must not hide `errorCode`, which decides
 * whether the request may still be in progress (`704`). Adyen's RFC 7807 answers
 * (https://docs.adyen.com/errors) explain in `detail` and `title` instead of `message`.
 */
export const ServiceError = z.object({
  status: Int.optional().catch(undefined),
  errorCode: Code.optional().catch(undefined),
  message: z.string().optional().catch(undefined),
  detail: z.string().optional().catch(undefined),
  title: z.string().optional().catch(undefined),
  errorType: z.string().optional().catch(undefined),
  pspReference: z.string().optional().catch(undefined),
})
export type ServiceError = z.infer<typeof ServiceError>

export const NotificationRequestItem = z.object({
  eventCode: z.string(),
  // The string "true" or "false"; a JSON boolean is read as the same text.
  success: z.union([
    z.enum(['true', 'false']),
    z.boolean().transform((ok) => (ok ? 'true' : 'false')),
  ]),
  pspReference: z.string(),
  merchantAccountCode: z.string(),
  merchantReference: z.string().optional(),
  originalReference: z.string().optional(),
  // RECURRING_CONTRACT: the first payment's pspReference (also in `originalReference`).
  originalPsp: z.string().optional(),
  amount: Amount,
  paymentMethod: z.string().optional(),
  reason: z.string().optional(),
  additionalData: AdditionalData.optional(),
})
export type NotificationRequestItem = z.infer<typeof NotificationRequestItem>

export const NotificationRequest = z.object({
  live: z.enum(['true', 'false']),
  notificationItems: z.array(z.object({ NotificationRequestItem: z.unknown() })),
})
