/**
 * @module iyzico request bodies, with the fields in the order iyzipay-node writes them
 * (iyzico/iyzipay-node@cb4d163 `lib/requests/model/Payment.js`, `PaymentCard.js`, `Buyer.js`,
 * `Address.js`, `BasketItem.js`, `lib/requests/Create*Request.js`); absent fields are left out, as
 * `JSON.stringify` leaves out `undefined`. Prices are `formatPrice` strings (`mapping.ts`).
 *
 * The gateway's payment id is every payment's `conversationId`, so a payment can be found at
 * iyzico without iyzico's id (`/payment/detail` by `paymentConversationId`); the merchant's order
 * id is the `basketId`. The basket is the merchant's lines when they add up to the amount exactly,
 * otherwise one line for the whole amount: iyzico requires the basket to add up to `price`.
 * iyzico requires buyer and address fields the gateway may not have; they are filled as documented
 * in docs/providers/iyzico.md (identity number `11111111111`, IP `127.0.0.1`, country Turkey).
 */
import type {
  CardDetails,
  CreatePaymentInput,
  CustomerDetails,
  PaymentReference,
  ProviderContext,
} from '../types'
import { toIyzicoPrice } from './mapping'

/** The identity number iyzico integrations send when the merchant does not collect a TCKN. */
export const PLACEHOLDER_IDENTITY_NUMBER = '11111111111'
/** For `ip` fields when the merchant sent no shopper address (cancels and refunds never have one). */
export const DEFAULT_IP = '127.0.0.1'
export const DEFAULT_COUNTRY = 'Turkey'
export const NOT_PROVIDED = 'Not provided'

export const localeOf = (ctx: ProviderContext) => (ctx.config.locale === 'en' ? 'en' : 'tr')

interface BasketItem {
  id: string
  price: string
  name: string
  category1: string
  itemType: 'PHYSICAL' | 'VIRTUAL'
}

/** The basket: the merchant's lines when they add up to the amount, else one line for it all. */
export function basketOf(input: CreatePaymentInput): BasketItem[] {
  const lines = (input.items ?? [])
    .map((item, index) => ({ item, index, total: item.unitPriceMinor * item.quantity }))
    .filter((line) => line.total > 0)
  const sum = lines.reduce((total, line) => total + line.total, 0)
  if (lines.length > 0 && sum === input.amountMinor) {
    return lines.map(({ item, index, total }) => ({
      id: item.id ?? String(index + 1),
      price: toIyzicoPrice(total, input.currency),
      name: item.name,
      category1: item.category ?? 'General',
      itemType: 'VIRTUAL',
    }))
  }
  return [
    {
      id: input.orderId ?? input.paymentId,
      price: toIyzicoPrice(input.amountMinor, input.currency),
      name: input.description ?? `Order ${input.orderId ?? input.paymentId}`,
      category1: 'General',
      itemType: 'VIRTUAL',
    },
  ]
}

function buyerOf(customer: CustomerDetails) {
  return {
    id: customer.email,
    name: customer.name,
    surname: customer.surname,
    identityNumber: PLACEHOLDER_IDENTITY_NUMBER,
    email: customer.email,
    gsmNumber: customer.phoneNumber,
    registrationAddress: customer.address?.address ?? NOT_PROVIDED,
    city: customer.address?.city ?? NOT_PROVIDED,
    country: customer.address?.country ?? DEFAULT_COUNTRY,
    zipCode: customer.address?.zipCode,
    ip: customer.ipAddress ?? DEFAULT_IP,
  }
}

function addressOf(customer: CustomerDetails) {
  return {
    address: customer.address?.address ?? NOT_PROVIDED,
    zipCode: customer.address?.zipCode,
    contactName: `${customer.name} ${customer.surname}`,
    city: customer.address?.city ?? NOT_PROVIDED,
    country: customer.address?.country ?? DEFAULT_COUNTRY,
  }
}

const cardOf = (card: CardDetails) => ({
  cardHolderName: card.holderName,
  cardNumber: card.number,
  expireYear: String(card.expiryYear),
  expireMonth: String(card.expiryMonth).padStart(2, '0'),
  cvc: card.cvv,
})

/** `CreatePaymentRequest`: non-3-D payment and pre-authorization, and 3-D Secure initialize. */
export function paymentBody(ctx: ProviderContext, input: CreatePaymentInput, card: CardDetails) {
  const price = toIyzicoPrice(input.amountMinor, input.currency)
  return {
    locale: localeOf(ctx),
    conversationId: input.paymentId,
    price,
    paidPrice: price,
    installment: input.installmentCount ?? 1,
    paymentChannel: 'WEB',
    basketId: input.orderId ?? input.paymentId,
    paymentGroup: 'PRODUCT',
    paymentCard: cardOf(card),
    buyer: buyerOf(input.customer),
    shippingAddress: addressOf(input.customer),
    billingAddress: addressOf(input.customer),
    basketItems: basketOf(input),
    currency: input.currency,
    callbackUrl: input.threeDS ? input.returnUrl : undefined,
  }
}

/** `CreateCheckoutFormInitializeRequest`: iyzico's hosted payment form. */
export function checkoutFormBody(ctx: ProviderContext, input: CreatePaymentInput) {
  const price = toIyzicoPrice(input.amountMinor, input.currency)
  return {
    locale: localeOf(ctx),
    conversationId: input.paymentId,
    price,
    basketId: input.orderId ?? input.paymentId,
    paymentGroup: 'PRODUCT',
    buyer: buyerOf(input.customer),
    shippingAddress: addressOf(input.customer),
    billingAddress: addressOf(input.customer),
    basketItems: basketOf(input),
    callbackUrl: input.returnUrl,
    currency: input.currency,
    paidPrice: price,
    enabledInstallments: input.installmentCount ? [input.installmentCount] : undefined,
  }
}

/** `CreateThreedsPaymentRequest` (v1): `conversationData` only when the bank sent some. */
export const threedsAuthBody = (
  ctx: ProviderContext,
  payment: PaymentReference,
  iyzicoPaymentId: string,
  conversationData?: string
) => ({
  locale: localeOf(ctx),
  conversationId: payment.paymentId,
  paymentId: iyzicoPaymentId,
  conversationData: conversationData || undefined,
})

/** `RetrievePaymentRequest`: by iyzico's id when known, always by the gateway's. */
export const retrieveBody = (ctx: ProviderContext, payment: PaymentReference, id?: string) => ({
  locale: localeOf(ctx),
  conversationId: payment.paymentId,
  paymentId: id,
  paymentConversationId: payment.paymentId,
})

export const checkoutFormRetrieveBody = (
  ctx: ProviderContext,
  payment: PaymentReference,
  token: string
) => ({ locale: localeOf(ctx), conversationId: payment.paymentId, token })

export const postAuthBody = (
  ctx: ProviderContext,
  payment: PaymentReference,
  id: string,
  amountMinor: number
) => ({
  locale: localeOf(ctx),
  conversationId: payment.paymentId,
  paymentId: id,
  ip: DEFAULT_IP,
  paidPrice: toIyzicoPrice(amountMinor, payment.currency),
  currency: payment.currency,
})

export const cancelBody = (ctx: ProviderContext, payment: PaymentReference, id: string) => ({
  locale: localeOf(ctx),
  conversationId: payment.paymentId,
  paymentId: id,
  ip: DEFAULT_IP,
})

/** `CreateRefundV2Request`: by payment and amount; the refund id is its `conversationId`. */
export const refundBody = (
  ctx: ProviderContext,
  payment: PaymentReference,
  id: string,
  refund: { refundId: string; amountMinor: number }
) => ({
  locale: localeOf(ctx),
  conversationId: refund.refundId,
  price: toIyzicoPrice(refund.amountMinor, payment.currency),
  paymentId: id,
  currency: payment.currency,
  ip: DEFAULT_IP,
})

/**
 * `CreateRefundRequest` (`/payment/refund`): one item transaction (`paymentTransactionId`) and
 * the amount to take back from it; every part of a refund carries its refund id as `conversationId`.
 */
export const itemRefundBody = (
  ctx: ProviderContext,
  payment: PaymentReference,
  refundId: string,
  part: { paymentTransactionId: string; amountMinor: number }
) => ({
  locale: localeOf(ctx),
  conversationId: refundId,
  paymentTransactionId: part.paymentTransactionId,
  price: toIyzicoPrice(part.amountMinor, payment.currency),
  ip: DEFAULT_IP,
  currency: payment.currency,
})
