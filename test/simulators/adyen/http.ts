/**
 * @module Adyen's answers on the wire: JSON bodies, and errors in the Checkout API's ServiceError
 * shape `{status, errorCode, message, errorType}` (Adyen/adyen-openapi CheckoutService-v71.json).
 * Error codes: https://docs.adyen.com/development-resources/error-codes
 */

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  })

export const serviceError = (
  status: number,
  errorCode: string,
  message: string,
  errorType: 'security' | 'validation' | 'configuration' | 'internal'
) => json({ status, errorCode, message, errorType }, status)

export const unauthorized = () =>
  serviceError(401, '000', 'HTTP Status Response - Unauthorized', 'security')

export const invalidMerchantAccount = () =>
  serviceError(403, '901', 'Invalid Merchant Account', 'security')

export const internalError = () =>
  serviceError(500, '000', 'An internal error occurred', 'internal')

/**
 * A duplicate of a request still being processed under the same Idempotency-Key: HTTP 409 (or
 * 422) with error code 704 (https://docs.adyen.com/development-resources/api-idempotency).
 */
export const requestInProgress = () =>
  serviceError(409, '704', 'request already processed or in progress', 'validation')

export const validation = (errorCode: string, message: string) =>
  serviceError(422, errorCode, message, 'validation')

export async function jsonBody(request: Request): Promise<Record<string, unknown> | undefined> {
  try {
    const body = (await request.json()) as unknown
    return body && typeof body === 'object' && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}

export const asRecord = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {}

export const asString = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined

/** `{value, currency}` with an integer value, or undefined. */
export function amountOf(value: unknown): { value: number; currency: string } | undefined {
  const amount = asRecord(value)
  return Number.isSafeInteger(amount.value) &&
    (amount.value as number) >= 0 &&
    typeof amount.currency === 'string' &&
    /^[A-Z]{3}$/.test(amount.currency)
    ? { value: amount.value as number, currency: amount.currency }
    : undefined
}
