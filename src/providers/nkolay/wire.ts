/**
 * @module Paynkolay's answers as zod schemas. Every service answers JSON with `RESPONSE_CODE`
 * (2 success, 0 error; 9 for a refused hash), `RESPONSE_DATA` and, when it has one,
 * `REFERENCE_CODE` (spec `BaseResponse`). Live answers may come wrapped
 * (`{"id":"","result":{…},"error":null}`), with `result` or the whole body as a JSON *string*,
 * and `RESPONSE_CODE` as a number: all are read alike (paynkolay.com.tr/entegrasyon/en/10-verification-service;
 * sandbox answers captured in mstgnz/gopay `provider/nkolay/nkolay_verification_test.go`).
 */
import * as z from 'zod'
import { parseJson } from '../http'

const text = z
  .union([z.string(), z.number(), z.boolean()])
  .nullish()
  .transform((v) => (v === null || v === undefined ? undefined : String(v)))

export const BaseAnswer = z.object({
  RESPONSE_CODE: z.union([z.string(), z.number()]).transform(String),
  RESPONSE_DATA: text,
  REFERENCE_CODE: text,
  ERROR_CODE: text,
  ERROR_MESSAGE: text,
})

/** `/Vpos/v1/Payment` and CompletePayment (spec `PaymentResponse`). */
export const PaymentAnswer = BaseAnswer.extend({
  AUTH_CODE: text,
  CLIENT_REFERENCE_CODE: text,
  AUTHORIZATION_AMOUNT: text,
  USE_3D: text,
  BANK_REQUEST_MESSAGE: text,
})
export type PaymentAnswer = z.infer<typeof PaymentAnswer>

export const ListRow = z.object({
  REFERENCE_CODE: text,
  CLIENT_REFERENCE_CODE: text,
  TRANSACTION_TYPE: text.transform((t) => t?.toLowerCase()),
  STATUS: text.transform((s) => s?.toUpperCase()),
  AUTH_CODE: text,
  TRANSACTION_AMOUNT: text,
  AUTHORIZATION_AMOUNT: text,
})
export type ListRow = z.infer<typeof ListRow>

export const ListAnswer = BaseAnswer.extend({
  LIST: z
    .array(ListRow)
    .nullish()
    .transform((rows) => rows ?? []),
})
export type ListAnswer = z.infer<typeof ListAnswer>

/** Unwraps `{"result": …}` and JSON-in-a-string, at most twice each, to the answer object. */
export function unwrapAnswer(body: string): unknown {
  let value: unknown = parseJson(body)
  for (let depth = 0; depth < 4; depth++) {
    if (typeof value === 'string') value = parseJson(value)
    else if (value && typeof value === 'object' && 'result' in value && !('RESPONSE_CODE' in value))
      value = (value as { result: unknown }).result
    else break
  }
  return value
}
