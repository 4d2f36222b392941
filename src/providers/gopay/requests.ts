/**
 * @module The bodies GoPay is sent: create payment (`POST /payments/payment`), ON_DEMAND
 * recurring charge (`POST …/create-recurrence`) and partial capture (`POST …/capture`). Field names,
 * limits and nesting from the doc's API reference ("Založení platby", objects Payer, Contact, Item,
 * Callback, Recurrence) and the SDK integration tests (gopay-php-api `tests/integration`).
 */
import type { CreatePaymentInput, CustomerDetails, LineItem, RecurringChargeInput } from '../types'
import { toGoPayAmount } from './mapping'
import type { GoPaySettings } from './settings'
import { wireText } from './wire'

/** ON_DEMAND recurrence needs an end date after the last charge; the doc's own example date. */
export const RECURRENCE_DATE_TO = '2099-12-31'

const ORDER_NUMBER_MAX = 128
const DESCRIPTION_MAX = 256
const ITEM_NAME_MAX = 256

interface GoPayItem {
  type: 'ITEM'
  name: string
  /** The line total (doc Item.amount: "Celková částka položek"), `count` pieces. */
  amount: number
  count: number
}

export const orderNumberOf = (input: { orderId?: string; paymentId: string }) =>
  wireText(input.orderId ?? input.paymentId, ORDER_NUMBER_MAX)

/** The merchant's lines when they add up to the amount (GoPay refuses others: error 360), else one line. */
export function itemsOf(
  amountMinor: number,
  fallbackName: string,
  lines: readonly LineItem[] | undefined
): GoPayItem[] {
  const items = (lines ?? []).map((line) => ({
    type: 'ITEM' as const,
    name: wireText(line.name, ITEM_NAME_MAX),
    amount: line.unitPriceMinor * line.quantity,
    count: line.quantity,
  }))
  const usable =
    items.length > 0 &&
    items.every((i) => Number.isSafeInteger(i.amount) && i.amount > 0 && i.name !== '') &&
    items.reduce((sum, i) => sum + i.amount, 0) === amountMinor
  if (usable) return items
  return [
    { type: 'ITEM', name: wireText(fallbackName, ITEM_NAME_MAX), amount: amountMinor, count: 1 },
  ]
}

/** ISO 3166-1 alpha-3 only (doc Contact.country_code); anything else is left out, not guessed. */
const countryCodeOf = (country: string | undefined) => {
  const code = country?.trim().toUpperCase()
  return code && /^[A-Z]{3}$/.test(code) ? code : undefined
}

function contactOf(customer: CustomerDetails) {
  const optional = (text: string | undefined, max: number) => {
    const value = text === undefined ? '' : wireText(text, max)
    return value === '' ? undefined : value
  }
  return {
    first_name: optional(customer.name, 256),
    last_name: optional(customer.surname, 256),
    email: wireText(customer.email, 128),
    phone_number: optional(customer.phoneNumber, 128),
    city: optional(customer.address?.city, 128),
    street: optional(customer.address?.address, 128),
    postal_code: optional(customer.address?.zipCode, 16),
    country_code: countryCodeOf(customer.address?.country),
  }
}

const descriptionOf = (description: string | undefined) => {
  const text = description === undefined ? '' : wireText(description, DESCRIPTION_MAX)
  return text === '' ? undefined : text
}

export function createPaymentBody(
  input: CreatePaymentInput,
  settings: GoPaySettings,
  notificationUrl: string
) {
  const orderNumber = orderNumberOf(input)
  const method = input.paymentMethod
  // Card tokens require PAYMENT_CARD as the only instrument (doc "Platba s vyžádáním karetního tokenu").
  const cardToken =
    input.recurring && settings.requestCardToken && (method ?? 'PAYMENT_CARD') === 'PAYMENT_CARD'
  const instrument = cardToken ? 'PAYMENT_CARD' : method
  return {
    payer: {
      ...(instrument
        ? { allowed_payment_instruments: [instrument], default_payment_instrument: instrument }
        : {}),
      ...(cardToken ? { request_card_token: true } : {}),
      contact: contactOf(input.customer),
    },
    target: { type: 'ACCOUNT', goid: settings.goId },
    amount: toGoPayAmount(input.amountMinor),
    currency: input.currency,
    order_number: orderNumber,
    order_description: descriptionOf(input.description),
    items: itemsOf(input.amountMinor, input.description ?? `Order ${orderNumber}`, input.items),
    callback: { return_url: input.returnUrl, notification_url: notificationUrl },
    lang: settings.language,
    ...(input.capture ? {} : { preauthorization: true }),
    ...(input.recurring
      ? { recurrence: { recurrence_cycle: 'ON_DEMAND', recurrence_date_to: RECURRENCE_DATE_TO } }
      : {}),
  }
}

/** `create-recurrence` (doc "Stržení opakované platby"; Java `NextPayment`). */
export function recurringChargeBody(charge: RecurringChargeInput) {
  const orderNumber = orderNumberOf(charge)
  return {
    amount: toGoPayAmount(charge.amountMinor),
    currency: charge.currency,
    order_number: orderNumber,
    order_description: descriptionOf(charge.description),
    items: itemsOf(charge.amountMinor, charge.description ?? `Order ${orderNumber}`, undefined),
  }
}

/** A partial capture: the amount and the order lines it covers (doc "Částečné stržení"). */
export function partialCaptureBody(paymentId: string, amountMinor: number) {
  return {
    amount: toGoPayAmount(amountMinor),
    items: itemsOf(amountMinor, `Captured part of payment ${paymentId}`, undefined),
  }
}
