/**
 * @module What the gateway keeps as a recurring payment's `recurringToken`: Adyen's
 * `storedPaymentMethodId`, the `shopperReference` it is stored under (both needed to charge it
 * and to delete it), and the payment method type it was stored for. Opaque to the gateway.
 *
 * The recurring processing model follows from the type: cards are charged whenever the merchant
 * asks, for any amount, which is Adyen's `UnscheduledCardOnFile`; the GoPay wallet offers only
 * `Subscription` and `CardOnFile`, and its `CardOnFile` needs the shopper to enter a PIN, so
 * charges without the shopper are `Subscription`.
 * Docs: https://docs.adyen.com/online-payments/tokenization/create-and-use-tokens,
 * https://docs.adyen.com/payment-methods/gopay/api-only (Recurring payments).
 */
import * as z from 'zod'

export type StoredMethodType = 'scheme' | 'gopay_wallet'

export interface StoredMethod {
  storedPaymentMethodId: string
  shopperReference: string
  type: StoredMethodType
}

const StoredMethodSchema = z.object({
  storedPaymentMethodId: z.string().min(1),
  shopperReference: z.string().min(3),
  type: z.enum(['scheme', 'gopay_wallet']),
})

export const recurringModelOf = (type: StoredMethodType) =>
  type === 'gopay_wallet' ? 'Subscription' : 'UnscheduledCardOnFile'

/**
 * A payment stores its method under its own id as `shopperReference`: stable for the parent,
 * at least 3 characters, and no personal data (Adyen asks for none).
 */
export const shopperReferenceOf = (paymentId: string) => paymentId

export const encodeStoredMethod = (method: StoredMethod): string =>
  JSON.stringify({
    storedPaymentMethodId: method.storedPaymentMethodId,
    shopperReference: method.shopperReference,
    type: method.type,
  })

export function decodeStoredMethod(token: string | null): StoredMethod | undefined {
  if (!token) return undefined
  try {
    const parsed = StoredMethodSchema.safeParse(JSON.parse(token))
    return parsed.success ? parsed.data : undefined
  } catch {
    return undefined
  }
}

/**
 * The stored method an answer or a notification reports in `additionalData`: Checkout v71 names
 * it `tokenization.storedPaymentMethodId`; older accounts send `recurring.recurringDetailReference`.
 */
export function storedMethodFrom(
  additionalData: Record<string, string> | undefined,
  fallback: { shopperReference: string; type: StoredMethodType }
): StoredMethod | undefined {
  const data = additionalData ?? {}
  const id =
    data['tokenization.storedPaymentMethodId'] ?? data['recurring.recurringDetailReference']
  if (!id) return undefined
  return {
    storedPaymentMethodId: id,
    shopperReference:
      data['tokenization.shopperReference'] ??
      data['recurring.shopperReference'] ??
      data.shopperReference ??
      fallback.shopperReference,
    type: fallback.type,
  }
}
