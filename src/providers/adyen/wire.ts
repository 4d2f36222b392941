/**
 * @module Adyen's answers and notifications as the adapter reads them (zod), after the Checkout
 * API v71 OpenAPI (Adyen/adyen-openapi json/CheckoutService-v71.json: PaymentResponse,
 * PaymentDetailsResponse, Payment{Capture,Cancel,Refund}Response, ServiceError) and the webhook
 * OpenAPI (json/Webhooks-v1.json: NotificationRequest). Unknown fields pass; a `resultCode`
 * outside the documented list fails the parse.
 */
import { z } from 'zod'
import { RESULT_CODES } from './mapping'

const Amount = z.object({ value: z.number().int(), currency: z.string() })

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
  refusalReasonCode: z.string().optional(),
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

export const ServiceError = z.object({
  status: z.number().int().optional(),
  errorCode: z.string().optional(),
  message: z.string().optional(),
  errorType: z.string().optional(),
  pspReference: z.string().optional(),
})
export type ServiceError = z.infer<typeof ServiceError>

export const NotificationRequestItem = z.object({
  eventCode: z.string(),
  success: z.enum(['true', 'false']),
  pspReference: z.string(),
  merchantAccountCode: z.string(),
  merchantReference: z.string().optional(),
  originalReference: z.string().optional(),
  // RECURRING_CONTRACT: the first payment's pspReference (also in `originalReference`).
  originalPsp: z.string().optional(),
  amount: z.object({ value: z.number().int(), currency: z.string() }),
  paymentMethod: z.string().optional(),
  reason: z.string().optional(),
  additionalData: AdditionalData.optional(),
})
export type NotificationRequestItem = z.infer<typeof NotificationRequestItem>

export const NotificationRequest = z.object({
  live: z.enum(['true', 'false']),
  notificationItems: z.array(z.object({ NotificationRequestItem: z.unknown() })),
})
