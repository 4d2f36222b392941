/**
 * @module How the Papara simulator answers: every answer is `{succeeded, data}` or `{succeeded:
 * false, error: {message, code}}` (node SDK `PaparaSingleResult`, `PaparaError`), and a payment is
 * shown as the SDK's `Payment` entity and php-sample `json/result.json` show it: amounts as JSON
 * numbers in major units, `currency` as the enum number. Papara's HTTP status for a refusal is not
 * documented; the simulator answers refusals with 200 and the error code, and 500 for its own
 * failures (the SDK reads only 200 answers).
 */
import type { Merchant, Payment } from './store.ts'

export const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  })

export const ok = (data: unknown) => json({ succeeded: true, data })

export const refused = (code: number, message: string, status = 200) =>
  json({ succeeded: false, error: { message, code } }, status)

export const badParameters = (detail: string) =>
  refused(998, `The parameters you submitted are not in the expected format: ${detail}`)

export const systemError = () => refused(999, 'An error occurred in the Papara system.', 500)

export const unauthorized = () => refused(401, 'Unauthorized: the ApiKey is not valid.', 401)

const STATUS_DESCRIPTIONS = { 0: 'Bekliyor', 1: 'Tamamlandı', 2: 'İade edildi' } as const

export const majorAmount = (minor: number) => Number((minor / 100).toFixed(2))

export const paymentUrlOf = (base: string, payment: Payment) => `${base}/checkout/${payment.id}`

export function paymentView(base: string, merchant: Merchant, payment: Payment) {
  return {
    merchant: {
      legalName: merchant.legalName,
      brandName: merchant.legalName,
      allowedPaymentTypes: [],
    },
    userId: payment.userId,
    paymentMethod: payment.status === 0 ? null : 0,
    paymentMethodDescription: payment.status === 0 ? null : 'Papara Hesap Bakiyesi',
    referenceId: payment.referenceId,
    orderDescription: payment.orderDescription,
    status: payment.status,
    statusDescription: STATUS_DESCRIPTIONS[payment.status],
    amount: majorAmount(payment.amountMinor),
    fee: 0,
    currency: payment.currency,
    notificationUrl: payment.notificationUrl,
    notificationDone: payment.notificationDone,
    redirectUrl: payment.redirectUrl,
    paymentUrl: paymentUrlOf(base, payment),
    merchantSecretKey: merchant.secretKey,
    returningRedirectUrl: payment.returningRedirectUrl,
    id: payment.id,
    createdAt: new Date(payment.createdAt).toISOString().slice(0, 23),
    turkishNationalId: payment.turkishNationalId,
  }
}
