/**
 * @module The JSON bodies sent to OzanPay. `initializePayment` fields are those of the Laravel
 * integration of `checkout-api.ozan.com/pw/v3/initializePayment` (apiKey, email, amount, currency,
 * returnUrl, referenceNo, language, billing*, basketItems), the only source that sends it as JSON;
 * the ClearSettle integration of the same `/pw/v3` API posts the same field names form-encoded.
 * Both send `amount` as a string of cents, so `amount` and `unitPrice` go as digit strings. The
 * status body ({apiKey, referenceNo}) is the ClearSettle hosted flow's inquiry
 * (`ClearSettleVoucherPaymentGateway.processInquiry`). `referenceNo` is the gateway's payment id,
 * so a payment can be asked about by it. Absent customer details are left out, never made up.
 */
import type { CreatePaymentInput, PaymentReference, ProviderContext } from '../types'
import { toWireAmount } from './mapping'

/** The checkout page's language, as the Laravel integration (the one JSON source) sends it. */
const PAGE_LANGUAGE = 'tr'

const descriptionOf = (input: CreatePaymentInput) =>
  input.description?.trim() || `Order ${input.orderId ?? input.paymentId}`

/** The merchant's lines when they add up to the total, else one line for the whole order. */
function basketItemsOf(input: CreatePaymentInput) {
  const items = input.items ?? []
  const sum = items.reduce((total, item) => total + item.unitPriceMinor * item.quantity, 0)
  const lines =
    items.length > 0 && sum === input.amountMinor
      ? items
      : [{ name: descriptionOf(input), unitPriceMinor: input.amountMinor, quantity: 1 }]
  return lines.map((item) => ({
    name: item.name,
    description: item.name,
    category: ('category' in item && item.category) || 'General',
    extraField: '',
    quantity: item.quantity,
    unitPrice: toWireAmount(item.unitPriceMinor),
  }))
}

/** Billing fields the customer gave; empty ones stay out. */
function billingOf(customer: CreatePaymentInput['customer']) {
  const fields: Record<string, string | undefined> = {
    billingFirstName: customer.name,
    billingLastName: customer.surname,
    billingAddress1: customer.address?.address,
    billingCity: customer.address?.city,
    billingPostcode: customer.address?.zipCode,
    billingCountry: customer.address?.country,
    billingPhone: customer.phoneNumber,
  }
  return Object.fromEntries(
    Object.entries(fields).filter((entry): entry is [string, string] => !!entry[1]?.trim())
  )
}

/** `POST /pw/v3/initializePayment`: a hosted page session; card data never comes here. */
export function initializeBody(
  ctx: ProviderContext,
  input: CreatePaymentInput,
  returnUrl: string
): string {
  return JSON.stringify({
    apiKey: ctx.config.apiKey,
    referenceNo: input.paymentId,
    amount: toWireAmount(input.amountMinor),
    currency: input.currency,
    email: input.customer.email,
    returnUrl,
    language: PAGE_LANGUAGE,
    ...billingOf(input.customer),
    basketItems: basketItemsOf(input),
  })
}

/**
 * `POST /api/v3/status` by the gateway's reference alone, as ClearSettle's hosted (`/pw/v3`) flow
 * asks: its inquiry sends `{apiKey, referenceNo}` and nothing else.
 */
export function statusBody(ctx: ProviderContext, payment: PaymentReference): string {
  return JSON.stringify({ apiKey: ctx.config.apiKey, referenceNo: payment.paymentId })
}
