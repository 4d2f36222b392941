/**
 * @module How the GoPay simulator answers: JSON bodies, GoPay's error shape
 * `{date_issued, errors:[{scope, field?, error_code, error_name?, message, description?}]}` with
 * the documented HTTP statuses (403 unauthorized, 404, 409 validation, 500), the payment as
 * `GET /payments/payment/{id}` shows it, and the notification GoPay sends on a state change.
 */
import type { SimulatorKit } from '../kit/types.ts'
import type { Payment, State } from './store.ts'

export const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  })

export interface ErrorItem {
  code: number
  name?: string
  field?: string
  message: string
}

/** GoPay's `date_issued` looks like `2018-05-10T11:06:52.208+0200`. */
const dateIssued = (now: number) => `${new Date(now).toISOString().slice(0, 23)}+0000`

export function gopayError(now: number, status: number, ...errors: ErrorItem[]) {
  return json(
    {
      date_issued: dateIssued(now),
      errors: errors.map((e) => ({
        scope: e.field ? 'F' : 'G',
        ...(e.field ? { field: e.field } : {}),
        error_code: e.code,
        ...(e.name ? { error_name: e.name } : {}),
        message: e.message,
      })),
    },
    status
  )
}

/** A validation error on one field (HTTP 409, doc "HTTP Result kódy"). */
export const fieldError = (now: number, code: number, field: string, message: string) =>
  gopayError(now, 409, { code, field, message })

/** The system error GoPay answers with HTTP 500 (doc "Obecná chyba"). */
export const systemError = (now: number) =>
  json(
    {
      date_issued: dateIssued(now),
      errors: [
        { scope: 'G', description: 'System error', error_code: 100, error_name: 'SYSTEM_ERROR' },
      ],
    },
    500
  )

export const gwUrlOf = (base: string, payment: Payment) => `${base}/gw/v3/${payment.gwHash}`

/** The payment as the status query shows it. */
export function paymentView(base: string, p: Payment) {
  const payer = {
    ...p.payer,
    ...(p.instrument === 'PAYMENT_CARD'
      ? {
          payment_card: {
            card_number: '444444******4448',
            card_expiration: '3012',
            card_brand: 'VISA',
            card_issuer_country: 'CZE',
            card_issuer_bank: 'SIMULATED BANK',
          },
        }
      : {}),
    contact: p.contact,
    // As the doc's status example writes it: "card_id": "9876543210".
    ...(p.cardId ? { card_id: String(p.cardId) } : {}),
  }
  return {
    id: p.id,
    ...(p.parentId ? { parent_id: p.parentId } : {}),
    order_number: p.orderNumber,
    state: p.state,
    ...(p.subState ? { sub_state: p.subState } : {}),
    ...(p.instrument ? { payment_instrument: p.instrument } : {}),
    amount: p.amount,
    currency: p.currency,
    payer,
    target: { type: 'ACCOUNT', goid: Number(p.goId) },
    ...(p.recurrence ? { recurrence: p.recurrence } : {}),
    ...(p.preauthorization ? { preauthorization: p.preauthorization } : {}),
    lang: p.lang,
    ...(p.parentId ? {} : { gw_url: gwUrlOf(base, p) }),
  }
}

/** GoPay notifies on every state change except to CREATED and PAYMENT_METHOD_CHOSEN. */
const SILENT_STATES: readonly State[] = ['CREATED', 'PAYMENT_METHOD_CHOSEN']

export async function changeState(
  kit: SimulatorKit,
  payment: Payment,
  state: State,
  subState?: string
) {
  payment.state = state
  payment.subState = subState
  if (SILENT_STATES.includes(state)) return
  const url = new URL(payment.notificationUrl)
  url.searchParams.append('id', String(payment.id))
  if (payment.parentId) url.searchParams.append('parent_id', String(payment.parentId))
  await kit.notify(payment.goId, { method: 'GET', url: url.toString(), headers: {}, body: '' })
}
