/**
 * @module The checkout API as the simulator serves it (node SDK `PaymentService`; the "Checkout"
 * requests of a Postman collection kept only in third-party code): `POST /payments` (JSON
 * `{amount, referenceId, orderDescription, notificationUrl, redirectUrl, turkishNationalId?,
 * currency?}`, an absent currency being TRY), `GET /payments?id=`, `GET
 * /payments/reference?referenceId=` and `PUT /payments?id=` (a full refund of a completed
 * payment). Every call needs the merchant's `ApiKey` header. Faults: `create`, `status` and
 * `refund` (`drop`: done, then the answer is lost; `http_500`: nothing done).
 */
import { dropConnection, type SimulatorKit } from '../kit/types.ts'
import type { Merchant, PaparaStore } from './store.ts'
import { badParameters, ok, paymentView, refused, systemError } from './wire.ts'

export interface ApiContext {
  kit: SimulatorKit
  store: PaparaStore
  merchant: Merchant
  base: string
}

const MIN_AMOUNT_MINOR = 100
const MAX_AMOUNT_MINOR = 50_000_000
const MAX_REFERENCE_LENGTH = 100
const CURRENCIES = [0, 1, 2, 3]
const TRY = 0

const isUrl = (value: unknown) => typeof value === 'string' && URL.canParse(value)

/** Major units with at most two decimals, as minor units; undefined otherwise. */
function minorOf(amount: unknown) {
  if (typeof amount !== 'number' || !Number.isFinite(amount)) return undefined
  const minor = Math.round(amount * 100)
  return Math.abs(minor - amount * 100) < 1e-6 ? minor : undefined
}

function invalid(body: Record<string, unknown>): string | undefined {
  const minor = minorOf(body.amount)
  if (minor === undefined || minor < MIN_AMOUNT_MINOR || minor > MAX_AMOUNT_MINOR)
    return 'amount must be between 1.00 and 500000.00'
  if (typeof body.referenceId !== 'string' || !body.referenceId) return 'referenceId is required'
  if (body.referenceId.length > MAX_REFERENCE_LENGTH) return 'referenceId is too long'
  if (typeof body.orderDescription !== 'string' || !body.orderDescription)
    return 'orderDescription is required'
  if (!isUrl(body.notificationUrl)) return 'notificationUrl is required'
  if (!isUrl(body.redirectUrl)) return 'redirectUrl is required'
  if (body.currency !== undefined && !CURRENCIES.includes(body.currency as number))
    return 'currency must be 0, 1, 2 or 3'
  if (body.turkishNationalId !== undefined && !/^\d{11}$/.test(String(body.turkishNationalId)))
    return 'turkishNationalId must be 11 digits'
  return undefined
}

/** Runs the armed fault around an operation that changes nothing before `act`. */
async function withFault(
  ctx: ApiContext,
  operation: 'create' | 'status' | 'refund',
  act: () => Response
) {
  const fault = ctx.kit.fault(ctx.merchant.merchantId, operation)
  if (fault === 'http_500') return systemError()
  ctx.kit.count(ctx.merchant.merchantId, operation)
  const answer = act()
  return fault === 'drop' ? dropConnection() : answer
}

export async function createPayment(ctx: ApiContext, request: Request) {
  if (!request.headers.get('Content-Type')?.startsWith('application/json'))
    return badParameters('the body must be JSON')
  const body = (await request.json().catch(() => undefined)) as Record<string, unknown> | undefined
  if (!body || typeof body !== 'object') return badParameters('the body must be a JSON object')
  const problem = invalid(body)
  if (problem) return badParameters(problem)
  return withFault(ctx, 'create', () => {
    const payment = ctx.store.add({
      merchantId: ctx.merchant.merchantId,
      referenceId: body.referenceId as string,
      orderDescription: body.orderDescription as string,
      status: 0,
      amountMinor: minorOf(body.amount)!,
      // Optional in the SDK; every official example leaves it out for TRY (0).
      currency: (body.currency as number | undefined) ?? TRY,
      notificationUrl: body.notificationUrl as string,
      redirectUrl: body.redirectUrl as string,
      turkishNationalId: (body.turkishNationalId as number | undefined) ?? null,
      createdAt: ctx.kit.now(),
    })
    return ok(paymentView(ctx.base, ctx.merchant, payment))
  })
}

const notFound = () => refused(998, 'Payment not found.')

export function getPayment(ctx: ApiContext, query: URLSearchParams, byReference: boolean) {
  const key = query.get(byReference ? 'referenceId' : 'id')
  if (!key) return badParameters(byReference ? 'referenceId is required' : 'id is required')
  return withFault(ctx, 'status', () => {
    const now = ctx.kit.now()
    const { merchantId } = ctx.merchant
    const payment = byReference
      ? ctx.store.findByReference(merchantId, key, now)
      : ctx.store.find(merchantId, key, now)
    return payment ? ok(paymentView(ctx.base, ctx.merchant, payment)) : notFound()
  })
}

export function refundPayment(ctx: ApiContext, query: URLSearchParams) {
  const id = query.get('id')
  if (!id) return badParameters('id is required')
  return withFault(ctx, 'refund', () => {
    const payment = ctx.store.find(ctx.merchant.merchantId, id, ctx.kit.now())
    if (!payment) return notFound()
    if (payment.status !== 1) return refused(998, 'Only a completed payment can be refunded.')
    payment.status = 2
    return ok(true)
  })
}
