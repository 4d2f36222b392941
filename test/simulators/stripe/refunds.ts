/**
 * @module Refunds (`POST /v1/refunds`, `GET /v1/refunds[/{id}]`) and disputes. A refund takes
 * `payment_intent` or `charge`; without `amount` it refunds what is left. Stripe refuses a refund
 * of a fully refunded charge (`charge_already_refunded`) and one above what is left
 * (`amount_too_large`); card refunds succeed at once and send `charge.refunded` and
 * `refund.created`.
 */
import { type Answer, failure, formatAmount, notFound, ok } from './http.ts'
import { emitEvent } from './notifications.ts'
import { chargeJson, disputeJson, refundJson } from './objects.ts'
import {
  integer,
  invalidRequest,
  metadataOf,
  oneOf,
  type Params,
  refuseUnknown,
  text,
} from './params.ts'
import type { Sim } from './payment-attempt.ts'
import { type Account, type Charge, type Refund, randomId } from './store.ts'

function chargeToRefund(account: Account, params: Params): Charge | Answer {
  const intentId = text(params, 'payment_intent')
  const chargeId = text(params, 'charge')
  if (!intentId && !chargeId)
    throw invalidRequest(
      'One of the following params should be provided for this request: payment_intent or charge.',
      'parameter_missing'
    )
  if (chargeId) return account.charges.get(chargeId) ?? notFound('charge', chargeId, 'charge')
  const intent = account.intents.get(intentId!)
  if (!intent) return notFound('payment_intent', intentId!, 'payment_intent')
  const charge = intent.latestCharge ? account.charges.get(intent.latestCharge) : undefined
  if (charge?.status !== 'succeeded' || !charge.captured)
    return failure(400, {
      type: 'invalid_request_error',
      message: `This PaymentIntent (${intent.id}) does not have a successful charge to refund.`,
      param: 'payment_intent',
    })
  return charge
}

export async function createRefund(
  sim: Sim,
  account: Account,
  params: Params,
  keys: string[]
): Promise<Answer> {
  refuseUnknown(keys, ['payment_intent', 'charge', 'amount', 'metadata.*', 'reason', 'expand.*'])
  const charge = chargeToRefund(account, params)
  if ('status' in charge && typeof charge.status === 'number') return charge
  const target = charge as Charge
  const left = target.amount - target.amountRefunded
  if (left === 0)
    return failure(400, {
      type: 'invalid_request_error',
      code: 'charge_already_refunded',
      doc_url: 'https://stripe.com/docs/error-codes/charge-already-refunded',
      message: `Charge ${target.id} has already been refunded.`,
    })
  const amount = integer(params, 'amount') ?? left
  if (amount < 1)
    throw invalidRequest(
      'This value must be greater than or equal to 1.',
      'parameter_invalid_integer',
      'amount'
    )
  if (amount > left)
    return failure(400, {
      type: 'invalid_request_error',
      code: 'amount_too_large',
      doc_url: 'https://stripe.com/docs/error-codes/amount-too-large',
      message: `Refund amount (${formatAmount(amount, target.currency)}) is greater than unrefunded amount on charge (${formatAmount(left, target.currency)})`,
      param: 'amount',
    })
  const refund: Refund = {
    id: randomId('re_3', 24),
    amount,
    charge: target.id,
    paymentIntent: target.paymentIntent,
    currency: target.currency,
    metadata: metadataOf(params),
    reason:
      oneOf(params, 'reason', ['duplicate', 'fraudulent', 'requested_by_customer'] as const) ??
      null,
    status: 'succeeded',
    created: Math.floor(sim.kit.now() / 1000),
  }
  account.refunds.set(refund.id, refund)
  target.amountRefunded += amount
  await emitEvent(sim.kit, account, 'charge.refunded', chargeJson(target))
  await emitEvent(sim.kit, account, 'refund.created', refundJson(refund))
  return ok(refundJson(refund))
}

export function listRefunds(account: Account, params: Params, keys: string[]): Answer {
  refuseUnknown(keys, [
    'payment_intent',
    'charge',
    'limit',
    'starting_after',
    'ending_before',
    'expand.*',
  ])
  const intent = text(params, 'payment_intent')
  const charge = text(params, 'charge')
  const limit = integer(params, 'limit') ?? 10
  const refunds = [...account.refunds.values()]
    .filter((r) => (!intent || r.paymentIntent === intent) && (!charge || r.charge === charge))
    .sort((a, b) => b.created - a.created)
  return ok({
    object: 'list',
    data: refunds.slice(0, limit).map(refundJson),
    has_more: refunds.length > limit,
    url: '/v1/refunds',
  })
}

export function retrieveRefund(account: Account, id: string): Answer {
  const refund = account.refunds.get(id)
  return refund ? ok(refundJson(refund)) : notFound('refund', id)
}

/** The card holder disputes the payment with their bank: `charge.dispute.created`. */
export async function openDispute(sim: Sim, account: Account, intentId: string): Promise<Answer> {
  const intent = account.intents.get(intentId)
  const charge = intent?.latestCharge ? account.charges.get(intent.latestCharge) : undefined
  if (!intent || !charge?.captured) return notFound('captured payment_intent', intentId)
  charge.disputed = true
  const dispute = {
    id: randomId('dp_1', 24),
    amount: charge.amountCaptured,
    charge: charge.id,
    paymentIntent: intent.id,
    currency: charge.currency,
    created: Math.floor(sim.kit.now() / 1000),
  }
  account.disputes.set(dispute.id, dispute)
  await emitEvent(sim.kit, account, 'charge.dispute.created', disputeJson(dispute))
  return ok(disputeJson(dispute))
}
