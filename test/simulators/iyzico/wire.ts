/**
 * @module iyzico's wire as the simulator writes it: `status: "success"` answers with `locale`,
 * `systemTime` and the request's `conversationId`; `status: "failure"` answers with `errorCode`,
 * `errorMessage`, `errorGroup` (https://docs.iyzico.com/en/add-ons/error-codes); amounts as JSON
 * numbers; answer signatures `hex(HMAC-SHA256(secretKey, values joined by ":"))` with numbers
 * written as JavaScript writes them (https://docs.iyzico.com/en/advanced/response-signature-validation).
 */
import { createHmac } from 'node:crypto'
import type { Merchant, Payment } from './store.ts'

export const hmacHex = (secretKey: string, text: string) =>
  createHmac('sha256', secretKey).update(text, 'utf8').digest('hex')

type Signed = string | number | null | undefined
export const signValues = (secretKey: string, values: Signed[]) =>
  hmacHex(secretKey, values.map((v) => (v === null || v === undefined ? '' : String(v))).join(':'))

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json;charset=UTF-8' },
  })
}

export interface Context {
  locale: string
  conversationId?: string
  now: number
}

export const success = (ctx: Context, body: Record<string, unknown>) =>
  json({
    status: 'success',
    locale: ctx.locale,
    systemTime: ctx.now,
    ...(ctx.conversationId === undefined ? {} : { conversationId: ctx.conversationId }),
    ...body,
  })

export function failure(
  ctx: Context,
  error: { errorCode: string; errorMessage: string; errorGroup?: string },
  status = 200
): Response {
  return json(
    {
      status: 'failure',
      errorCode: error.errorCode,
      errorMessage: error.errorMessage,
      ...(error.errorGroup ? { errorGroup: error.errorGroup } : {}),
      locale: ctx.locale,
      systemTime: ctx.now,
      ...(ctx.conversationId === undefined ? {} : { conversationId: ctx.conversationId }),
    },
    status
  )
}

/** What iyzico answers when it fails itself (the simulator's `http_500` fault). */
export const systemError = (ctx: Context) =>
  failure(ctx, { errorCode: '1', errorMessage: 'Sistem hatası' }, 500)

/** HTTP status of a refused request (validation), per the docs' API reference; declines are 200. */
export const VALIDATION_STATUS = 400

export const invalidRequest = (ctx: Context, message = 'Geçersiz istek') =>
  failure(ctx, { errorCode: '11', errorMessage: message }, VALIDATION_STATUS)

/** A decimal price (string or number) in kuruş; undefined when not a positive decimal of ≤2 places. */
export function toMinor(value: unknown): number | undefined {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : ''
  const match = /^(\d{1,12})(?:\.(\d+))?$/.exec(text.trim())
  if (!match) return undefined
  const fraction = (match[2] ?? '').replace(/0+$/, '')
  if (fraction.length > 2) return undefined
  const minor = Number(`${match[1]}${fraction.padEnd(2, '0')}`)
  return minor > 0 ? minor : undefined
}

/** Kuruş as the JSON number iyzico answers with: 10050 → 100.5. */
export const toMajor = (minor: number) =>
  Number(`${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`)

/** A payment resource (auth, preauth, postauth, 3-D Secure auth, retrieve) with its signature. */
export function paymentJson(
  merchant: Merchant,
  payment: Payment,
  conversationId: string | undefined,
  extras: { paymentStatus?: boolean } = {}
): Record<string, unknown> {
  const price = toMajor(payment.price)
  const paidPrice = toMajor(payment.paidPrice)
  const body: Record<string, unknown> = {
    price,
    paidPrice,
    installment: payment.installment,
    paymentId: payment.paymentId,
    fraudStatus: 1,
    merchantCommissionRate: 0,
    merchantCommissionRateAmount: 0,
    iyziCommissionRateAmount: toMajor(Math.round(payment.paidPrice * 0.0299)),
    iyziCommissionFee: 0.25,
    cardType: 'CREDIT_CARD',
    cardAssociation: payment.cardNumber.startsWith('4') ? 'VISA' : 'MASTER_CARD',
    cardFamily: 'Bonus',
    binNumber: payment.cardNumber.slice(0, 8),
    lastFourDigits: payment.cardNumber.slice(-4),
    basketId: payment.basketId,
    currency: payment.currency,
    itemTransactions: payment.items.map((item) => ({
      itemId: item.itemId,
      paymentTransactionId: item.paymentTransactionId,
      transactionStatus: 2,
      price: toMajor(item.price),
      paidPrice: toMajor(item.paidPrice),
    })),
    authCode: String(100000 + (Number(payment.paymentId) % 900000)),
    phase: payment.phase,
    hostReference: `mock${payment.paymentId}iyzihostrfn`,
  }
  if (payment.threeDS) body.mdStatus = payment.mdStatus
  if (extras.paymentStatus) body.paymentStatus = payment.status
  if (payment.status === 'FAILURE' && payment.error) Object.assign(body, payment.error)
  body.signature = signValues(merchant.secretKey, [
    payment.paymentId,
    payment.currency,
    payment.basketId,
    conversationId,
    paidPrice,
    price,
  ])
  return body
}

/**
 * Refusals whose codes iyzico does not publish: the simulator's choice, in iyzico's shape. The
 * adapter reads none of these codes; it checks the payment instead.
 */
export const UNPUBLISHED = {
  paymentNotFound: { errorCode: '5093', errorMessage: 'Ödeme bulunamadı' },
  notAuthenticated: { errorCode: '5091', errorMessage: '3D doğrulaması başarısız' },
  wrongState: { errorCode: '5092', errorMessage: 'Ödeme bu işlem için uygun durumda değil' },
  refundTooLarge: { errorCode: '5095', errorMessage: 'İade tutarı iade edilebilir tutarı aşıyor' },
  notCancellable: { errorCode: '5096', errorMessage: 'Ödeme aynı gün içinde iptal edilebilir' },
  sandboxCard: { errorCode: '5097', errorMessage: 'Bu kart ile iptal, iade veya kapama yapılamaz' },
  formNotPaid: { errorCode: '5098', errorMessage: 'Ödeme formu tamamlanmadı' },
} as const
