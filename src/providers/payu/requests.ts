/**
 * @module The JSON bodies sent to PayU, built from the gateway's inputs. Field names and formats
 * are the API reference's (https://developers.payu.com/europe/api: "Create an Order", "Create a
 * Refund", "Capture Authorized Order"):
 * amounts as minor-unit strings, product prices and quantities as strings, `extOrderId` = the
 * gateway's payment id, `extRefundId` = the gateway's refund id (PayU answers a refund sent again
 * with the same data with the refund it already made).
 */
import type { CreatePaymentInput, PaymentReference, ProviderContext, RefundInput } from '../types'
import { toPayuAmount } from './mapping'

/** PayU refuses a missing customerIp (and 0.0.0.0); its own examples use the loopback address. */
export const FALLBACK_CUSTOMER_IP = '127.0.0.1'

/** PBL codes (bank transfers, BLIK, cards…) a merchant may name as `paymentMethod`. */
const PAY_METHOD_VALUE = /^[A-Za-z0-9_-]{1,32}$/

export const isPayMethodValue = (value: string) => PAY_METHOD_VALUE.test(value)

const descriptionOf = (input: CreatePaymentInput) =>
  input.description?.trim() || `Order ${input.orderId ?? input.paymentId}`

/** The merchant's lines when they add up to the total, else one line for the whole order. */
function productsOf(input: CreatePaymentInput) {
  const items = input.items ?? []
  const sum = items.reduce((total, item) => total + item.unitPriceMinor * item.quantity, 0)
  if (items.length > 0 && sum === input.amountMinor) {
    return items.map((item) => ({
      name: item.name,
      unitPrice: toPayuAmount(item.unitPriceMinor),
      quantity: String(item.quantity),
    }))
  }
  return [{ name: descriptionOf(input), unitPrice: toPayuAmount(input.amountMinor), quantity: '1' }]
}

/** `buyer` is optional at PayU and each of its fields too: empty ones are left out. */
function buyerOf(customer: CreatePaymentInput['customer']) {
  const fields = {
    email: customer.email,
    phone: customer.phoneNumber,
    firstName: customer.name,
    lastName: customer.surname,
  }
  const given = Object.entries(fields).filter(
    (entry): entry is [string, string] => !!entry[1]?.trim()
  )
  return given.length > 0 ? { buyer: Object.fromEntries(given) } : {}
}

/** `POST /api/v2_1/orders` (the hosted PayU page; card data never comes here). */
export function createOrderBody(ctx: ProviderContext, input: CreatePaymentInput): string {
  return JSON.stringify({
    notifyUrl: ctx.notificationUrl,
    continueUrl: input.returnUrl,
    customerIp: input.customer.ipAddress ?? FALLBACK_CUSTOMER_IP,
    merchantPosId: ctx.config.posId,
    description: descriptionOf(input),
    currencyCode: input.currency,
    totalAmount: toPayuAmount(input.amountMinor),
    extOrderId: input.paymentId,
    ...buyerOf(input.customer),
    products: productsOf(input),
    ...(input.paymentMethod
      ? { payMethods: { payMethod: { type: 'PBL', value: input.paymentMethod } } }
      : {}),
  })
}

/**
 * `POST …/refunds`. A refund of everything captured, with nothing refunded before, leaves out
 * `amount` ("If this is left blank, all funds will be returned to the buyer"); the description is
 * derived from the refund id, so a retry sends exactly the same data.
 */
export function refundBody(payment: PaymentReference, refund: RefundInput): string {
  const whole = payment.refundedMinor === 0 && refund.amountMinor === payment.capturedMinor
  return JSON.stringify({
    refund: {
      description: `Refund ${refund.refundId}`,
      ...(whole ? {} : { amount: toPayuAmount(refund.amountMinor) }),
      extRefundId: refund.refundId,
      currencyCode: payment.currency,
    },
  })
}

/**
 * `POST …/captures` with an amount: a partial capture (a POS option PayU turns on). The whole
 * order is captured with no body at all.
 */
export const partialCaptureBody = (amountMinor: number, currency: string) =>
  JSON.stringify({ amount: toPayuAmount(amountMinor), currencyCode: currency })
