/**
 * @module Creating GoPay payments, asking for their state, and charging an ON_DEMAND recurrence.
 * GoPay is a hosted gateway: the shopper pays on `gw_url`, comes back to `return_url?id=…` and
 * GoPay sends `GET notification_url?id=…`; neither carries anything to trust, so every outcome
 * here comes from `GET /payments/payment/{id}` (doc "Dotaz na stav platby").
 */
import { parseJson } from '../http'
import type {
  CreatePaymentInput,
  PaymentOutcome,
  PaymentReference,
  ProviderContext,
  RecurringChargeInput,
  RecurringParent,
} from '../types'
import { answered, callGoPay, type GoPayAnswer, paymentPath, TOKEN_SCOPES } from './client'
import { CURRENCIES, PAYMENT_INSTRUMENTS, STATE_MEANING } from './mapping'
import { declineOf, outcomeOfPayment, parseRecurringToken, readError } from './outcomes'
import { createPaymentBody, recurringChargeBody } from './requests'
import { settingsOf } from './settings'
import { GoPayPayment, wireJson } from './wire'

const supportsCurrency = (currency: string) => (CURRENCIES as readonly string[]).includes(currency)
const currencyNotSupported = {
  kind: 'not_supported',
  reason: `payments in ${CURRENCIES.join(', ')} only.`,
} as const

/**
 * The answer to a request that creates a payment (create, create-recurrence). Nothing was created
 * when the token endpoint failed; a network error or a 5xx after the request left may have.
 */
function createdOutcome({ result, tokenFailed }: GoPayAnswer): PaymentOutcome | GoPayPayment {
  if (tokenFailed) {
    const why = result.ok
      ? readError(result.status, result.text)
      : { message: `GoPay's token endpoint did not answer (${result.reason}).` }
    return { ...declineOf(why), message: `No access token, no payment created: ${why.message}` }
  }
  if (!result.ok) return { kind: 'unknown', reason: result.reason }
  if (result.status >= 500) return { kind: 'unknown', reason: `http_${result.status}` }
  if (!answered(result.status)) return declineOf(readError(result.status, result.text))
  const payment = GoPayPayment.safeParse(parseJson(result.text))
  return payment.success ? payment.data : { kind: 'unknown', reason: 'unreadable_payment' }
}

const isPayment = (value: PaymentOutcome | GoPayPayment): value is GoPayPayment => 'state' in value

export async function createPayment(
  ctx: ProviderContext,
  input: CreatePaymentInput
): Promise<PaymentOutcome> {
  // Card data and 3-D Secure stay on GoPay's page; the shopper always comes back to returnUrl.
  if (input.card || !input.returnUrl) {
    return { kind: 'not_supported', reason: 'the shopper pays on its page: send no cardInfo.' }
  }
  if (!supportsCurrency(input.currency)) return currencyNotSupported
  const method = input.paymentMethod
  if (method !== undefined && !(PAYMENT_INSTRUMENTS as readonly string[]).includes(method)) {
    return {
      kind: 'not_supported',
      reason: `paymentMethod must be one of ${PAYMENT_INSTRUMENTS.join(', ')}.`,
    }
  }
  const body = createPaymentBody(input, settingsOf(ctx), ctx.notificationUrl)
  const answer = await callGoPay(ctx, {
    method: 'POST',
    path: '/payments/payment',
    scope: TOKEN_SCOPES.create,
    body: { json: wireJson(body) },
  })
  const created = createdOutcome(answer)
  return isPayment(created) ? outcomeOfPayment(created) : created
}

/** The payment as GoPay has it; any failure to read it says nothing about the payment. */
export async function fetchPayment(
  ctx: ProviderContext,
  goPayId: string
): Promise<GoPayPayment | { kind: 'unknown'; reason: string }> {
  const { result } = await callGoPay(ctx, {
    method: 'GET',
    path: paymentPath(goPayId),
    scope: TOKEN_SCOPES.all,
  })
  if (!result.ok) return { kind: 'unknown', reason: result.reason }
  if (!answered(result.status)) {
    const error = readError(result.status, result.text)
    return { kind: 'unknown', reason: `http_${result.status} ${error.code ?? ''}`.trim() }
  }
  const payment = GoPayPayment.safeParse(parseJson(result.text))
  if (!payment.success) return { kind: 'unknown', reason: 'unreadable_payment' }
  if (payment.data.id !== goPayId) return { kind: 'unknown', reason: 'other_payment' }
  return payment.data
}

export async function getStatus(
  ctx: ProviderContext,
  payment: PaymentReference
): Promise<PaymentOutcome> {
  // GoPay has no lookup by order number: without its id, the payment cannot be asked about.
  if (!payment.providerPaymentId) return { kind: 'unknown', reason: 'no_provider_payment_id' }
  const fetched = await fetchPayment(ctx, payment.providerPaymentId)
  return 'state' in fetched ? outcomeOfPayment(fetched, payment) : fetched
}

/** The shopper is back at `return_url?…&id=<GoPay id>`: the id must be this payment's, then GoPay is asked. */
export function completeReturn(
  ctx: ProviderContext,
  payment: PaymentReference,
  params: Record<string, string>
): Promise<PaymentOutcome> {
  if (!payment.providerPaymentId || params.id !== payment.providerPaymentId) {
    return Promise.resolve({ kind: 'unknown', reason: 'return_for_another_payment' })
  }
  return getStatus(ctx, payment)
}

/**
 * `POST /payments/payment/{parent}/create-recurrence`. GoPay answers before the charge is made
 * (doc: "ještě platba zpravidla nebývá uhrazena"), so a waiting child is asked about once more;
 * still waiting, it is pending with no page to visit, until its notification settles it.
 */
export async function chargeRecurring(
  ctx: ProviderContext,
  parent: RecurringParent,
  charge: RecurringChargeInput
): Promise<PaymentOutcome> {
  const token = parseRecurringToken(parent.recurringToken)
  if (!token) {
    return {
      kind: 'declined',
      declineCode: 'not_permitted',
      message: 'The recurrence of this payment has not started at GoPay.',
    }
  }
  if (!supportsCurrency(charge.currency)) return currencyNotSupported
  const answer = await callGoPay(ctx, {
    method: 'POST',
    path: paymentPath(token.parentId, 'create-recurrence'),
    scope: TOKEN_SCOPES.all,
    body: { json: wireJson(recurringChargeBody(charge)) },
  })
  const created = createdOutcome(answer)
  if (!isPayment(created)) return created
  const expected = { amountMinor: charge.amountMinor }
  if (STATE_MEANING[created.state] !== 'waiting') return outcomeOfPayment(created, expected)
  const now = await fetchPayment(ctx, created.id)
  const outcome = outcomeOfPayment('state' in now ? now : created, expected)
  // GoPay is still charging: there is no page for anyone (its gw_url is not the shopper's to use).
  return outcome.kind === 'pending' ? { ...outcome, redirectUrl: '' } : outcome
}
