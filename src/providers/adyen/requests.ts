/**
 * @module The bodies the adapter sends to Adyen's Checkout API v71 and the `Idempotency-Key` of
 * each. Field names and formats follow the v71 OpenAPI (PaymentRequest, CardDetails,
 * StoredPaymentMethodDetails, LineItem, AuthenticationData, Payment{Capture,Cancel,Refund}Request)
 * and the raw card data guide: https://docs.adyen.com/payment-methods/cards/raw-card-data
 */
import type {
  CreatePaymentInput,
  LineItem,
  PaymentReference,
  ProviderContext,
  RecurringChargeInput,
} from '../types'
import { type AdyenAmount, toAdyenAmount } from './mapping'
import {
  recurringModelOf,
  type StoredMethod,
  type StoredMethodType,
  shopperReferenceOf,
} from './recurring-token'

/** Adyen's name of the GoPay wallet (`PaymentMethod.TypeEnum.GopayWallet` in the SDK). */
export const GOPAY_WALLET = 'gopay_wallet'
export const GOPAY_CURRENCY = 'IDR'
export const GOPAY_COUNTRY = 'ID'

/**
 * Keys are unique per Adyen company account and live at least 31 days, 64 characters at most
 * (https://docs.adyen.com/development-resources/api-idempotency). Each derives from the gateway's
 * own ids, so a retry of the same operation replays Adyen's first answer instead of acting twice.
 */
export const idempotencyKeyOf = {
  create: (paymentId: string) => paymentId,
  details: (paymentId: string) => `${paymentId}:details`,
  capture: (paymentId: string, value: number) => `${paymentId}:capture:${value}`,
  cancel: (paymentId: string) => `${paymentId}:cancel`,
  refund: (refundId: string) => refundId,
  recurring: (chargePaymentId: string) => chargePaymentId,
}

/**
 * Adyen requires `returnUrl` on every payment. Payments with a shopper get the gateway's callback
 * URL with its state token; charges without one (and card payments without a merchant callback,
 * which never go to 3-D Secure) get the bare callback URL, where no shopper is ever sent.
 */
export const bareReturnUrl = (ctx: ProviderContext) =>
  new URL('/v1/callback/adyen', ctx.notificationUrl).href

const common = (ctx: ProviderContext, reference: string, amount: AdyenAmount) => ({
  amount,
  reference,
  merchantAccount: ctx.config.merchantAccount,
})

function shopperOf(input: CreatePaymentInput) {
  const { customer } = input
  return {
    shopperEmail: customer.email,
    shopperName: { firstName: customer.name, lastName: customer.surname },
    ...(customer.ipAddress ? { shopperIP: customer.ipAddress } : {}),
    // Adyen drops a number that is not "+", a country code and digits; send only those.
    ...(customer.phoneNumber && /^\+\d{5,18}$/.test(customer.phoneNumber)
      ? { telephoneNumber: customer.phoneNumber }
      : {}),
  }
}

/** `capture: false`: manual capture for this payment, and a marker that comes back to us. */
const captureOf = (input: CreatePaymentInput) =>
  input.capture
    ? {}
    : { additionalData: { manualCapture: 'true' }, metadata: { captureMode: 'manual' } }

const storeOf = (input: CreatePaymentInput, type: StoredMethodType) =>
  input.recurring
    ? {
        storePaymentMethod: true,
        shopperReference: shopperReferenceOf(input.paymentId),
        recurringProcessingModel: recurringModelOf(type),
      }
    : {}

function cardMethodOf(card: NonNullable<CreatePaymentInput['card']>) {
  return {
    type: 'scheme',
    number: card.number,
    expiryMonth: String(card.expiryMonth).padStart(2, '0'),
    expiryYear: String(card.expiryYear),
    cvc: card.cvv,
    holderName: card.holderName,
  }
}

/**
 * 3-D Secure through Adyen's redirect flow only (the gateway has no shopper device to run native
 * 3-D Secure 2 on). `use3D` asks for it always; without a merchant callback there is nowhere to
 * come back to, so it is switched off; otherwise Adyen's dynamic 3-D Secure rules decide.
 */
function authenticationOf(input: CreatePaymentInput) {
  const threeDSRequestData = { nativeThreeDS: 'disabled' }
  if (input.threeDS) return { attemptAuthentication: 'always', threeDSRequestData }
  if (!input.returnUrl) return { attemptAuthentication: 'never', threeDSRequestData }
  return { threeDSRequestData }
}

function lineItemsOf(input: CreatePaymentInput, amount: AdyenAmount) {
  const line = (item: LineItem) => ({
    ...(item.id ? { id: item.id } : {}),
    description: item.name,
    quantity: item.quantity,
    amountIncludingTax: toAdyenAmount(item.unitPriceMinor, input.currency)?.value,
    ...(item.category ? { itemCategory: item.category } : {}),
  })
  const lines = input.items?.map(line)
  if (lines?.length && lines.every((l) => l.amountIncludingTax !== undefined)) return lines
  return [
    {
      description: input.description ?? `Order ${input.orderId ?? input.paymentId}`,
      quantity: 1,
      amountIncludingTax: amount.value,
    },
  ]
}

export type PaymentRequestResult =
  | { body: Record<string, unknown>; type: StoredMethodType }
  | { unsupported: string }

/** `POST /payments` for a card (raw card data) or, without card data, the GoPay wallet. */
export function buildPaymentRequest(
  ctx: ProviderContext,
  input: CreatePaymentInput
): PaymentRequestResult {
  const amount = toAdyenAmount(input.amountMinor, input.currency)
  if (!amount) return { unsupported: `Adyen takes ${input.currency} without these decimals.` }
  const base = {
    ...common(ctx, input.paymentId, amount),
    returnUrl: input.returnUrl ?? bareReturnUrl(ctx),
    channel: 'Web',
    shopperInteraction: 'Ecommerce',
    ...shopperOf(input),
    ...captureOf(input),
  }
  if (input.card) {
    return {
      type: 'scheme',
      body: {
        ...base,
        paymentMethod: cardMethodOf(input.card),
        authenticationData: authenticationOf(input),
        redirectToIssuerMethod: 'GET',
        redirectFromIssuerMethod: 'GET',
        ...(input.installmentCount && input.installmentCount > 1
          ? { installments: { value: input.installmentCount } }
          : {}),
        ...storeOf(input, 'scheme'),
      },
    }
  }
  const method = input.paymentMethod ?? GOPAY_WALLET
  if (method !== GOPAY_WALLET) return { unsupported: `Adyen method ${method} is not offered.` }
  if (input.currency !== GOPAY_CURRENCY) return { unsupported: 'GoPay takes IDR only.' }
  return {
    type: GOPAY_WALLET,
    body: {
      ...base,
      paymentMethod: { type: GOPAY_WALLET },
      countryCode: GOPAY_COUNTRY,
      lineItems: lineItemsOf(input, amount),
      ...storeOf(input, GOPAY_WALLET),
    },
  }
}

/** `POST /payments` charging a stored method without the shopper (merchant-initiated). */
export function buildRecurringRequest(
  ctx: ProviderContext,
  method: StoredMethod,
  charge: RecurringChargeInput
): Record<string, unknown> | undefined {
  const amount = toAdyenAmount(charge.amountMinor, charge.currency)
  if (!amount) return undefined
  if (method.type === GOPAY_WALLET && charge.currency !== GOPAY_CURRENCY) return undefined
  return {
    ...common(ctx, charge.paymentId, amount),
    paymentMethod: { type: method.type, storedPaymentMethodId: method.storedPaymentMethodId },
    shopperReference: method.shopperReference,
    shopperInteraction: 'ContAuth',
    recurringProcessingModel: recurringModelOf(method.type),
    returnUrl: bareReturnUrl(ctx),
    ...(method.type === GOPAY_WALLET ? { countryCode: GOPAY_COUNTRY } : {}),
  }
}

/** Capture and refund take an amount; the reference is ours (the payment's, the refund's id). */
export const buildModificationRequest = (
  ctx: ProviderContext,
  payment: PaymentReference,
  reference: string,
  amountMinor?: number
): Record<string, unknown> | undefined => {
  if (amountMinor === undefined) return { merchantAccount: ctx.config.merchantAccount, reference }
  const amount = toAdyenAmount(amountMinor, payment.currency)
  return amount && { merchantAccount: ctx.config.merchantAccount, amount, reference }
}
