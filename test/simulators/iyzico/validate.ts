/**
 * @module The checks iyzico makes on a `CreatePaymentRequest` or a checkout form request before
 * anything reaches the bank, with iyzico's general error codes
 * (https://docs.iyzico.com/en/add-ons/error-codes): 3 email, 8 identity number, 12 card number,
 * 13 and 14 expiry month and year, 15 CVC, 16 card holder, 17 expired card, 23 callback URL,
 * 24 "{field} is mandatory", 11 invalid request, and 5062 when the basket items do not add up to
 * `price` (iyzico FAQ "Validasyon Hataları"). Refusals of the request are HTTP 400 with iyzico's
 * failure body, as the docs' API reference answers a validation error
 * (https://docs.iyzico.com/en/getting-started/preliminaries/api-reference-beta/payment-methods/api-3ds);
 * a bank's decline stays a 200.
 */
import type { Context } from './wire.ts'
import { failure, invalidRequest, toMinor, VALIDATION_STATUS } from './wire.ts'

export const CURRENCIES = ['TRY', 'EUR', 'USD', 'IRR', 'GBP', 'NOK', 'RUB', 'CHF']
const INSTALLMENTS = [1, 2, 3, 6, 9, 12]

export interface PaymentRequest {
  conversationId?: string
  basketId?: string
  price: number
  paidPrice: number
  installment: number
  currency: string
  callbackUrl?: string
  card?: { number: string; expireMonth: number; expireYear: number }
  items: { id: string; price: number }[]
}

type Obj = Record<string, unknown>
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const text = (o: Obj, key: string) =>
  typeof o[key] === 'string' && (o[key] as string).trim() !== '' ? (o[key] as string) : undefined

function luhn(number: string) {
  let sum = 0
  for (let i = 0; i < number.length; i++) {
    let d = Number(number[number.length - 1 - i])
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2
    sum += d
  }
  return sum % 10 === 0
}

const refuse = (ctx: Context, error: { errorCode: string; errorMessage: string }) =>
  failure(ctx, error, VALIDATION_STATUS)

const mandatory = (ctx: Context, field: string) =>
  refuse(ctx, { errorCode: '24', errorMessage: `${field} gönderilmesi zorunludur` })

function checkCard(ctx: Context, card: unknown, now: number) {
  if (!isObject(card)) return mandatory(ctx, 'paymentCard')
  if (!text(card, 'cardHolderName'))
    return refuse(ctx, {
      errorCode: '16',
      errorMessage: 'Kart sahibi adı gönderilmesi zorunludur',
    })
  const number = text(card, 'cardNumber') ?? ''
  if (!/^\d{15,19}$/.test(number) || !luhn(number))
    return refuse(ctx, { errorCode: '12', errorMessage: 'Kart numarası geçersizdir' })
  const month = Number(text(card, 'expireMonth'))
  if (!Number.isInteger(month) || month < 1 || month > 12)
    return refuse(ctx, { errorCode: '13', errorMessage: 'Son kullanma tarihi ayı geçersizdir' })
  const year = Number(text(card, 'expireYear'))
  if (!/^\d{4}$/.test(text(card, 'expireYear') ?? ''))
    return refuse(ctx, { errorCode: '14', errorMessage: 'Son kullanma tarihi yılı geçersizdir' })
  if (!/^\d{3,4}$/.test(text(card, 'cvc') ?? ''))
    return refuse(ctx, { errorCode: '15', errorMessage: 'Cvc geçersizdir' })
  const today = new Date(now)
  if (year * 12 + month < today.getUTCFullYear() * 12 + today.getUTCMonth() + 1)
    return refuse(ctx, {
      errorCode: '17',
      errorMessage: 'Kartınızın son kullanma tarihi geçersizdir',
    })
  return { number, expireMonth: month, expireYear: year }
}

function checkParties(ctx: Context, body: Obj, physical: boolean): Response | undefined {
  const buyer = body.buyer
  if (!isObject(buyer)) return mandatory(ctx, 'buyer')
  if (!text(buyer, 'email'))
    return refuse(ctx, { errorCode: '3', errorMessage: 'email gönderilmesi zorunludur' })
  if (!text(buyer, 'identityNumber'))
    return refuse(ctx, { errorCode: '8', errorMessage: 'identityNumber gönderilmesi zorunludur' })
  for (const key of ['id', 'name', 'surname', 'registrationAddress', 'city', 'country', 'ip'])
    if (!text(buyer, key)) return mandatory(ctx, `buyer.${key}`)
  const addresses = physical ? ['billingAddress', 'shippingAddress'] : ['billingAddress']
  for (const name of addresses) {
    const address = body[name]
    if (!isObject(address)) return mandatory(ctx, name)
    for (const key of ['contactName', 'city', 'country', 'address'])
      if (!text(address, key)) return mandatory(ctx, `${name}.${key}`)
  }
  return undefined
}

export function readPaymentRequest(
  ctx: Context,
  body: unknown,
  needs: { card: boolean; callbackUrl: boolean; now: number }
): PaymentRequest | Response {
  if (!isObject(body)) return refuse(ctx, { errorCode: '6', errorMessage: 'Request zorunludur' })
  const price = toMinor(body.price)
  const paidPrice = toMinor(body.paidPrice)
  if (price === undefined) return mandatory(ctx, 'price')
  if (paidPrice === undefined) return mandatory(ctx, 'paidPrice')
  const currency = body.currency === undefined ? 'TRY' : body.currency
  if (typeof currency !== 'string' || !CURRENCIES.includes(currency)) return invalidRequest(ctx)
  const installment = body.installment === undefined ? 1 : Number(body.installment)
  if (!INSTALLMENTS.includes(installment)) return invalidRequest(ctx)
  const rawItems = body.basketItems
  if (!Array.isArray(rawItems) || rawItems.length === 0) return mandatory(ctx, 'basketItems')
  const items: PaymentRequest['items'] = []
  let physical = false
  for (const raw of rawItems) {
    if (!isObject(raw)) return invalidRequest(ctx)
    for (const key of ['id', 'name', 'category1', 'itemType'])
      if (!text(raw, key)) return mandatory(ctx, `basketItems.${key}`)
    if (raw.itemType !== 'PHYSICAL' && raw.itemType !== 'VIRTUAL') return invalidRequest(ctx)
    physical ||= raw.itemType === 'PHYSICAL'
    const itemPrice = toMinor(raw.price)
    if (itemPrice === undefined) return mandatory(ctx, 'basketItems.price')
    items.push({ id: raw.id as string, price: itemPrice })
  }
  if (items.reduce((sum, item) => sum + item.price, 0) !== price)
    return refuse(ctx, {
      errorCode: '5062',
      errorMessage: 'Gönderilen tutar tüm kırılımların toplam tutarına eşit olmalıdır',
    })
  const refused = checkParties(ctx, body, physical)
  if (refused) return refused
  const callbackUrl = text(body, 'callbackUrl')
  if (needs.callbackUrl && !callbackUrl)
    return refuse(ctx, { errorCode: '23', errorMessage: 'callbackUrl gönderilmesi zorunludur' })
  let card: PaymentRequest['card']
  if (needs.card) {
    const checked = checkCard(ctx, body.paymentCard, needs.now)
    if (checked instanceof Response) return checked
    card = checked
  }
  return {
    conversationId: text(body, 'conversationId'),
    basketId: text(body, 'basketId'),
    price,
    paidPrice,
    installment,
    currency,
    callbackUrl,
    card,
    items,
  }
}
