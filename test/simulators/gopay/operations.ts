/**
 * @module The follow-up calls on a GoPay payment, each with GoPay's refusals: refund (form
 * `amount`, no more than is left: error 332; an unpaid or fully refunded payment: 330
 * PAYMENT_REFUND_NOT_SUPPORTED), refund history, capture (full with no body, partial with JSON
 * `{amount, items}` that rewrites the payment's amount; done already: 351 PAYMENT_CAPTURE_DONE),
 * void-authorization (not AUTHORIZED: 352 PAYMENT_AUTH_VOID_FAILED), create-recurrence (stopped:
 * 342 PAYMENT_RECURRENCE_STOPPED) and void-recurrence.
 */
import { dropConnection, type Operation, type SimulatorKit } from '../kit/types.ts'
import { CURRENCIES, itemsProblem, wafAnswer, wafRefuses } from './create.ts'
import type { GoPayStore, Payment } from './store.ts'
import { changeState, fieldError, gopayError, json, paymentView, systemError } from './wire.ts'

export interface OperationContext {
  kit: SimulatorKit
  store: GoPayStore
  payment: Payment
  request: Request
  base: string
}

const result = (payment: Payment, result: 'FINISHED' | 'ACCEPTED' = 'FINISHED') =>
  json({ id: payment.id, result })
const day = (now: number) => new Date(now).toISOString().slice(0, 10)

/** Runs `act` under the armed fault of `operation`: 500 before acting, a cut connection after. */
async function faulted(ctx: OperationContext, operation: Operation, act: () => Promise<Response>) {
  const fault = ctx.kit.fault(ctx.payment.goId, operation)
  if (fault === 'http_500') return systemError(ctx.kit.now())
  const answer = await act()
  return fault === 'drop' && answer.ok ? dropConnection() : answer
}

function parseObject(raw: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(raw)
    return typeof value === 'object' && value !== null
      ? (value as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}

const invalid = (now: number) => gopayError(now, 409, { code: 116, message: 'Invalid request' })

const isForm = (request: Request) =>
  request.headers.get('Content-Type')?.split(';')[0] === 'application/x-www-form-urlencoded'

export async function refund(ctx: OperationContext) {
  const { kit, payment, request } = ctx
  const now = kit.now()
  if (!isForm(request)) return fieldError(now, 111, 'amount', 'Wrong format')
  const text = (await request.text()).trim()
  const amount = Number(new URLSearchParams(text).get('amount'))
  if (!Number.isSafeInteger(amount) || amount <= 0)
    return fieldError(now, 110, 'amount', 'Mandatory')
  return faulted(ctx, 'refund', async () => {
    if (payment.state !== 'PAID' && payment.state !== 'PARTIALLY_REFUNDED') {
      return gopayError(now, 409, {
        code: 330,
        name: 'PAYMENT_REFUND_NOT_SUPPORTED',
        message: 'Payment cannot be refunded',
      })
    }
    const refunded = payment.refunds.reduce(
      (sum, r) => sum + (r.state === 'FAILED' ? 0 : r.amount),
      0
    )
    if (amount > payment.amount - refunded) return fieldError(now, 332, 'amount', 'Wrong amount')
    payment.refunds.push({
      state: 'SUCCESS',
      amount,
      currency: payment.currency,
      dateRequested: day(now),
      dateLastChange: day(now),
    })
    const whole = refunded + amount === payment.amount
    await changeState(kit, payment, whole ? 'REFUNDED' : 'PARTIALLY_REFUNDED')
    return result(payment)
  })
}

export const refundHistory = ({ payment }: OperationContext) =>
  json(
    payment.refunds.map((r) => ({
      id: payment.id,
      state: r.state,
      amount: r.amount,
      currency: r.currency,
      date_requested: r.dateRequested,
      date_last_change: r.dateLastChange,
    }))
  )

export async function capture(ctx: OperationContext) {
  const { kit, payment, request } = ctx
  const now = kit.now()
  const raw = await request.text()
  let amount = payment.amount
  if (raw !== '') {
    if (request.headers.get('Content-Type')?.split(';')[0] !== 'application/json')
      return fieldError(now, 111, 'Content-Type', 'Wrong format')
    if (wafRefuses(raw)) return wafAnswer()
    const body = parseObject(raw)
    if (!body) return invalid(now)
    if (!Number.isSafeInteger(body.amount) || (body.amount as number) <= 0)
      return fieldError(now, 110, 'amount', 'Mandatory')
    amount = body.amount as number
    if (amount > payment.amount) return fieldError(now, 332, 'amount', 'Wrong amount')
    const problem = itemsProblem(body.items, amount)
    if (problem) return fieldError(now, ...problem)
  }
  return faulted(ctx, 'capture', async () => {
    if (payment.preauthorization?.state === 'CAPTURED') {
      return gopayError(now, 409, {
        code: 351,
        name: 'PAYMENT_CAPTURE_DONE',
        message: 'Capture done',
      })
    }
    if (payment.state !== 'AUTHORIZED' || payment.preauthorization?.state !== 'AUTHORIZED') {
      return gopayError(now, 409, { code: 350, message: 'Capture failed' })
    }
    // A partial capture updates the payment to the captured amount; the rest is released.
    const full = amount === payment.amount
    payment.amount = amount
    payment.preauthorization.state = 'CAPTURED'
    await changeState(kit, payment, 'PAID')
    // As the doc's examples answer: ACCEPTED for a full capture, FINISHED for a partial one.
    return result(payment, full ? 'ACCEPTED' : 'FINISHED')
  })
}

export const voidAuthorization = (ctx: OperationContext) =>
  faulted(ctx, 'cancel', async () => {
    const { kit, payment } = ctx
    if (payment.state !== 'AUTHORIZED' || payment.preauthorization?.state !== 'AUTHORIZED') {
      return gopayError(kit.now(), 409, {
        code: 352,
        name: 'PAYMENT_AUTH_VOID_FAILED',
        message: 'Void of the authorization failed',
      })
    }
    payment.preauthorization.state = 'CANCELED'
    await changeState(kit, payment, 'CANCELED')
    return result(payment)
  })

const recurrenceStopped = (now: number) =>
  gopayError(now, 409, {
    code: 342,
    name: 'PAYMENT_RECURRENCE_STOPPED',
    message: 'Recurrence of the payment is stopped',
  })

/**
 * A charge of an ON_DEMAND recurrence, made without the shopper. GoPay answers while the child
 * is still CREATED (doc "ještě platba zpravidla nebývá uhrazena"); here it is charged right after,
 * or on `/__sim/charge_recurrences` for an e-shop set to `/__sim/slow_recurrences`.
 * GoPay allows one such charge a day (doc "Best practice"); the simulator does not count them.
 */
export async function createRecurrence(ctx: OperationContext) {
  const { kit, store, payment: parent, request, base } = ctx
  const now = kit.now()
  if (request.headers.get('Content-Type')?.split(';')[0] !== 'application/json')
    return fieldError(now, 111, 'Content-Type', 'Wrong format')
  const raw = await request.text()
  if (wafRefuses(raw)) return wafAnswer()
  const body = parseObject(raw)
  if (!body) return invalid(now)
  if (!Number.isSafeInteger(body.amount) || (body.amount as number) <= 0)
    return fieldError(now, 110, 'amount', 'Mandatory')
  if (!CURRENCIES.includes(String(body.currency)))
    return fieldError(now, 111, 'currency', 'Wrong format')
  if (typeof body.order_number !== 'string' || body.order_number === '')
    return fieldError(now, 110, 'order_number', 'Mandatory')
  const problem = itemsProblem(body.items, body.amount as number)
  if (problem) return fieldError(now, ...problem)
  const recurrence = parent.recurrence
  if (recurrence?.recurrence_cycle !== 'ON_DEMAND')
    return gopayError(now, 409, { code: 341, message: 'Recurrence not supported' })
  if (recurrence.recurrence_state === 'STOPPED') return recurrenceStopped(now)
  if (recurrence.recurrence_state !== 'STARTED')
    return gopayError(now, 409, { code: 340, message: 'Recurrence failed' })
  return faulted(ctx, 'recurring', async () => {
    const child = store.addPayment({
      parentId: parent.id,
      goId: parent.goId,
      orderNumber: body.order_number as string,
      orderDescription: body.order_description as string | undefined,
      state: 'CREATED',
      amount: body.amount as number,
      currency: body.currency as string,
      lang: parent.lang,
      instrument: 'PAYMENT_CARD',
      payer: {},
      contact: parent.contact,
      requestCardToken: false,
      returnUrl: parent.returnUrl,
      notificationUrl: parent.notificationUrl,
    })
    const answer = json(paymentView(base, child))
    if (!store.slowRecurrences.has(parent.goId)) await changeState(kit, child, 'PAID')
    return answer
  })
}

export const voidRecurrence = (ctx: OperationContext) =>
  faulted(ctx, 'stop_recurring', async () => {
    const { kit, payment } = ctx
    const recurrence = payment.recurrence
    if (!recurrence) return gopayError(kit.now(), 409, { code: 341, message: 'Not recurring' })
    if (recurrence.recurrence_state === 'STOPPED') return recurrenceStopped(kit.now())
    // Stopping a recurrence sends no notification (doc "Zrušení opakované platby").
    recurrence.recurrence_state = 'STOPPED'
    return result(payment)
  })

/** Charges the recurring payments a slow e-shop left CREATED, with their notifications. */
export async function chargeWaitingRecurrences(kit: SimulatorKit, store: GoPayStore, goId: string) {
  let charged = 0
  for (const payment of store.payments.values()) {
    if (payment.goId === goId && payment.parentId && payment.state === 'CREATED') {
      await changeState(kit, payment, 'PAID')
      charged++
    }
  }
  return charged
}
