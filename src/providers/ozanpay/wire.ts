/**
 * @module OzanPay's answers as they arrive, parsed with zod. Only the fields that two independent
 * integrations read are relied on (see docs/providers/ozanpay.md); everything else passes through.
 * An unknown `status` is a parse failure, never a silent "pending".
 */
import * as z from 'zod'

/** Payment statuses seen in the return fields and the status answer. */
export const OZAN_STATUSES = ['APPROVED', 'WAITING', 'PENDING', 'DECLINED', 'ERROR'] as const
export type OzanStatus = (typeof OZAN_STATUSES)[number]

/** Codes arrive as strings ("00", "283") in the integrations read; a number is accepted too. */
const code = z.union([z.string(), z.number()]).transform(String)

/** `POST /pw/v3/initializePayment`: a `purchaseUrl` to send the shopper to, or a refusal. */
export const InitializeAnswer = z.object({
  code: code.optional(),
  status: z.string().optional(),
  message: z.string().optional(),
  purchaseUrl: z.string().optional(),
  transactionId: z.string().optional(),
})
export type InitializeAnswer = z.infer<typeof InitializeAnswer>

/**
 * `POST /api/v3/status`: the payment as OzanPay sees it. ClearSettle's hosted flow reads only
 * `status` and `transactionId` and checks no `code`, so nothing else is required; `referenceNo`,
 * when present, must be the one asked about.
 */
export const StatusAnswer = z.object({
  code: code.optional(),
  status: z.enum(OZAN_STATUSES),
  message: z.string().optional(),
  transactionId: z.string().optional(),
  referenceNo: z.string().optional(),
})
export type StatusAnswer = z.infer<typeof StatusAnswer>

/** An error answer: a message and perhaps a code, nothing else. */
export const ErrorAnswer = z.object({ code: code.optional(), message: z.string().optional() })
