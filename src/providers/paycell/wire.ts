/**
 * @module Paycell's answers as zod reads them. Every provision-service answer carries
 * `responseHeader {transactionId, responseDateTime, responseCode, responseDescription}`;
 * `getCardTokenSecure` answers `header` with the same fields, `cardToken` and `hashData`.
 * Shapes: the request/response examples of the Paycell docs and paycell-api-php `testui` models.
 */
import * as z from 'zod'

const text = z.union([z.string(), z.number()]).transform(String)

export const ResponseHeader = z.object({
  transactionId: text.nullish(),
  responseDateTime: text.nullish(),
  responseCode: text,
  responseDescription: z.string().nullish(),
})

const answer = <T extends z.ZodRawShape>(shape: T) =>
  z.object({ responseHeader: ResponseHeader, ...shape })

export const CardTokenAnswer = z.object({
  header: z.object({
    transactionId: text,
    responseDateTime: text,
    responseCode: text,
    responseDescription: z.string().nullish(),
  }),
  cardToken: z.string().nullish(),
  hashData: z.string().nullish(),
})
export type CardTokenAnswer = z.infer<typeof CardTokenAnswer>

export const ProvisionAnswer = answer({
  orderId: text.nullish(),
  approvalCode: text.nullish(),
  reconciliationDate: text.nullish(),
})

export const ThreeDSessionAnswer = answer({ threeDSessionId: z.string().nullish() })

export const ThreeDResultAnswer = answer({
  mdStatus: text.nullish(),
  mdErrorMessage: z.string().nullish(),
  threeDOperationResult: z
    .object({ threeDResult: text.nullish(), threeDResultDescription: z.string().nullish() })
    .nullish(),
})

/**
 * `provisionType` and `status` are read as text, not as the documented list: one value Paycell
 * adds later must not make the whole answer unreadable. `status.ts` ignores what it does not know.
 */
export const ProvisionEntry = z.object({
  provisionType: text,
  transactionId: text.nullish(),
  amount: text.nullish(),
  reconciliationDate: text.nullish(),
  responseCode: text.nullish(),
})
export type ProvisionEntry = z.infer<typeof ProvisionEntry>

export const InquireAnswer = answer({
  orderId: text.nullish(),
  status: text.nullish(),
  provisionList: z.array(ProvisionEntry).nullish(),
})
export type InquireAnswer = z.infer<typeof InquireAnswer>

/** `reverse` and `refund`. */
export const OperationAnswer = answer({
  approvalCode: text.nullish(),
  reconciliationDate: text.nullish(),
})
