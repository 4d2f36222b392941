/**
 * @module Capture, cancel and search of PaymentIntents (API reference). Capture takes
 * `amount_to_capture` up to `amount_capturable`; the rest of a partial capture is released (it
 * shows as refunded on the charge). Cancel works on an intent not yet captured. Search reads
 * Stripe's query language for `metadata['key']:'value'`, `status:'…'` and `customer:'…'`.
 */
import { type Answer, failure, notFound, ok } from './http.ts'
import { emitEvent } from './notifications.ts'
import { chargeJson, intentJson } from './objects.ts'
import { integer, invalidRequest, oneOf, type Params, refuseUnknown, required } from './params.ts'
import type { Sim } from './payment-attempt.ts'
import type { Account, Intent } from './store.ts'

const unexpectedState = (account: Account, intent: Intent, message: string): Answer =>
  failure(400, {
    type: 'invalid_request_error',
    code: 'payment_intent_unexpected_state',
    doc_url: 'https://stripe.com/docs/error-codes/payment-intent-unexpected-state',
    message,
    payment_intent: intentJson(account, intent),
  })

export async function captureIntent(
  sim: Sim,
  account: Account,
  id: string,
  params: Params,
  keys: string[]
): Promise<Answer> {
  refuseUnknown(keys, ['amount_to_capture', 'final_capture', 'metadata.*', 'expand.*'])
  const intent = account.intents.get(id)
  if (!intent) return notFound('payment_intent', id)
  if (intent.status !== 'requires_capture')
    return unexpectedState(
      account,
      intent,
      `This PaymentIntent could not be captured because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.`
    )
  const amount = integer(params, 'amount_to_capture') ?? intent.amountCapturable
  if (amount < 1 || amount > intent.amountCapturable)
    return failure(400, {
      type: 'invalid_request_error',
      code: 'amount_too_large',
      doc_url: 'https://stripe.com/docs/error-codes/amount-too-large',
      message: `The amount_to_capture (${amount}) must be positive and no more than the amount capturable (${intent.amountCapturable}).`,
      param: 'amount_to_capture',
    })
  const charge = account.charges.get(intent.latestCharge ?? '')!
  charge.captured = true
  charge.amountCaptured = amount
  charge.amountRefunded = charge.amount - amount
  intent.status = 'succeeded'
  intent.amountReceived = amount
  intent.amountCapturable = 0
  await emitEvent(sim.kit, account, 'charge.captured', chargeJson(charge))
  await emitEvent(sim.kit, account, 'payment_intent.succeeded', intentJson(account, intent))
  return ok(intentJson(account, intent))
}

const CANCELABLE = [
  'requires_payment_method',
  'requires_capture',
  'requires_confirmation',
  'requires_action',
  'processing',
]

export async function cancelIntent(
  sim: Sim,
  account: Account,
  id: string,
  params: Params,
  keys: string[]
): Promise<Answer> {
  refuseUnknown(keys, ['cancellation_reason', 'expand.*'])
  const intent = account.intents.get(id)
  if (!intent) return notFound('payment_intent', id)
  const reason = oneOf(params, 'cancellation_reason', [
    'abandoned',
    'duplicate',
    'fraudulent',
    'requested_by_customer',
  ] as const)
  if (!CANCELABLE.includes(intent.status))
    return unexpectedState(
      account,
      intent,
      `You cannot cancel this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be canceled: ${CANCELABLE.join(', ')}.`
    )
  const charge = intent.latestCharge ? account.charges.get(intent.latestCharge) : undefined
  if (intent.status === 'requires_capture' && charge) charge.amountRefunded = charge.amount
  intent.status = 'canceled'
  intent.amountCapturable = 0
  intent.actionUrl = null
  intent.cancellationReason = reason ?? null
  intent.canceledAt = Math.floor(sim.kit.now() / 1000)
  await emitEvent(sim.kit, account, 'payment_intent.canceled', intentJson(account, intent))
  return ok(intentJson(account, intent))
}

/** One clause of a search query: `field:'value'`, the field `metadata['key']` or a top-level one. */
const CLAUSE =
  /^(?:metadata\[(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\]|(status|customer|currency)):(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")$/
const unquote = (s: string) => s.replace(/\\(.)/g, '$1')

function matcherOf(query: string): (intent: Intent) => boolean {
  const tests = query.split(/\s+AND\s+/).map((clause) => {
    const m = CLAUSE.exec(clause.trim())
    if (!m)
      throw invalidRequest(`Invalid query: could not parse "${clause.trim()}".`, undefined, 'query')
    const value = unquote(m[4] ?? m[5] ?? '')
    const key = m[1] ?? m[2]
    if (key !== undefined) return (i: Intent) => i.metadata[unquote(key)] === value
    const field = m[3] as 'status' | 'customer' | 'currency'
    return (i: Intent) => i[field] === value
  })
  return (intent) => tests.every((test) => test(intent))
}

export function searchIntents(account: Account, params: Params, keys: string[]): Answer {
  refuseUnknown(keys, ['query', 'limit', 'page', 'expand.*'])
  const matches = matcherOf(required(params, 'query'))
  const limit = integer(params, 'limit') ?? 10
  const found = [...account.intents.values()].filter(matches).sort((a, b) => b.created - a.created)
  return ok({
    object: 'search_result',
    data: found.slice(0, limit).map((i) => intentJson(account, i)),
    has_more: found.length > limit,
    next_page: null,
    url: '/v1/payment_intents/search',
  })
}
