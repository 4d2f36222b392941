/**
 * @module What happens when a PaymentIntent is confirmed with a card: Stripe authorizes it (and
 * captures it unless `capture_method=manual`), declines it (HTTP 402 `card_error`, the intent back
 * in `requires_payment_method` with `last_payment_error`), or asks for 3-D Secure
 * (`requires_action`, `next_action.redirect_to_url`). Events go out as Stripe sends them:
 * `charge.succeeded` + `payment_intent.succeeded` / `.amount_capturable_updated`,
 * `charge.failed` + `payment_intent.payment_failed`, `payment_intent.requires_action`.
 */
import type { SimulatorKit } from '../kit/types.ts'
import { behaviourOf, type CardDecline, DECLINES } from './cards.ts'
import { type Answer, failure, ok } from './http.ts'
import { emitEvent } from './notifications.ts'
import { chargeJson, intentJson, paymentMethodJson } from './objects.ts'
import {
  type Account,
  type Charge,
  type Intent,
  type PaymentMethod,
  randomId,
  type StripeStore,
} from './store.ts'

export interface Sim {
  kit: SimulatorKit
  store: StripeStore
  /** The simulator's public URL, for the pages it links to. */
  base: string
  /** The API version the request is answered in: its `Stripe-Version`, else the account's. */
  apiVersion?: string
}

export interface Confirmation {
  offSession: boolean
  requestThreeDSecure?: 'any' | 'automatic' | 'challenge'
  errorOnRequiresAction: boolean
}

const nowSeconds = (sim: Sim) => Math.floor(sim.kit.now() / 1000)

function newCharge(sim: Sim, intent: Intent, pm: PaymentMethod, failed?: CardDecline): Charge {
  return {
    id: randomId('ch_3', 24),
    paymentIntent: intent.id,
    paymentMethod: pm.id,
    amount: intent.amount,
    amountCaptured: 0,
    amountRefunded: 0,
    captured: false,
    status: failed ? 'failed' : 'succeeded',
    currency: intent.currency,
    failure: failed && { type: 'card_error', ...failed },
    disputed: false,
    created: nowSeconds(sim),
  }
}

/** Authorizes (and for automatic capture, captures) the intent's amount. */
export async function authorize(sim: Sim, account: Account, intent: Intent, pm: PaymentMethod) {
  const charge = newCharge(sim, intent, pm)
  account.charges.set(charge.id, charge)
  intent.latestCharge = charge.id
  intent.lastPaymentError = null
  intent.actionUrl = null
  if (intent.captureMethod === 'manual') {
    intent.status = 'requires_capture'
    intent.amountCapturable = intent.amount
  } else {
    charge.captured = true
    charge.amountCaptured = intent.amount
    intent.status = 'succeeded'
    intent.amountReceived = intent.amount
  }
  // A card confirmed with setup_future_usage is saved to the intent's customer.
  if (intent.setupFutureUsage && intent.customer) {
    pm.customer = intent.customer
    pm.setUpOffSession = pm.setUpOffSession || intent.setupFutureUsage === 'off_session'
  }
  await emitEvent(sim.kit, account, 'charge.succeeded', chargeJson(charge))
  await emitEvent(
    sim.kit,
    account,
    intent.status === 'succeeded'
      ? 'payment_intent.succeeded'
      : 'payment_intent.amount_capturable_updated',
    intentJson(account, intent)
  )
}

/** Declines the attempt: a failed charge, the intent waiting for another payment method. */
export async function decline(
  sim: Sim,
  account: Account,
  intent: Intent,
  pm: PaymentMethod,
  error: CardDecline
): Promise<Answer> {
  const charge = newCharge(sim, intent, pm, error)
  account.charges.set(charge.id, charge)
  intent.latestCharge = charge.id
  intent.status = 'requires_payment_method'
  intent.actionUrl = null
  intent.lastPaymentError = {
    type: 'card_error',
    ...error,
    charge: charge.id,
    doc_url: `https://stripe.com/docs/error-codes/${(error.code ?? '').replace(/_/g, '-')}`,
  }
  await emitEvent(sim.kit, account, 'charge.failed', chargeJson(charge))
  await emitEvent(sim.kit, account, 'payment_intent.payment_failed', intentJson(account, intent))
  return failure(402, {
    ...intent.lastPaymentError,
    payment_intent: intentJson(account, intent),
    payment_method: paymentMethodJson(pm),
    request_log_url: `https://dashboard.stripe.com/test/logs/${randomId('req_', 14)}`,
  })
}

async function requireAction(sim: Sim, account: Account, intent: Intent) {
  intent.status = 'requires_action'
  intent.actionUrl = `${sim.base}/3d_secure_2/hosted?merchant=${account.id}&payment_intent=${intent.id}&payment_intent_client_secret=${intent.clientSecret}`
  await emitEvent(sim.kit, account, 'payment_intent.requires_action', intentJson(account, intent))
}

/** Confirms the intent with its payment method: the answer Stripe gives the confirming request. */
export async function confirm(
  sim: Sim,
  account: Account,
  intent: Intent,
  pm: PaymentMethod,
  how: Confirmation
): Promise<Answer> {
  const behaviour = behaviourOf(pm.number)
  if (behaviour.kind === 'decline') return decline(sim, account, intent, pm, behaviour.error)
  const challenged =
    behaviour.kind === 'authenticate' ||
    how.requestThreeDSecure === 'any' ||
    how.requestThreeDSecure === 'challenge'
  if (how.offSession && behaviour.kind === 'authenticate') {
    const allowed = behaviour.offSession === 'succeed_when_set_up' && pm.setUpOffSession
    if (!allowed) return decline(sim, account, intent, pm, DECLINES.authenticationRequired)
  } else if (!how.offSession && challenged) {
    if (how.errorOnRequiresAction || !intent.returnUrl)
      return decline(sim, account, intent, pm, DECLINES.authenticationRequired)
    await requireAction(sim, account, intent)
    return ok(intentJson(account, intent))
  }
  await authorize(sim, account, intent, pm)
  return ok(intentJson(account, intent))
}

/** The shopper finished (or failed) the 3-D Secure challenge: where the browser goes next. */
export async function completeChallenge(
  sim: Sim,
  account: Account,
  intent: Intent,
  passed: boolean
): Promise<string> {
  const pm = intent.paymentMethod ? account.paymentMethods.get(intent.paymentMethod) : undefined
  if (intent.status === 'requires_action' && pm) {
    const behaviour = behaviourOf(pm.number)
    if (!passed) {
      intent.status = 'requires_payment_method'
      intent.actionUrl = null
      intent.lastPaymentError = {
        type: 'invalid_request_error',
        code: 'payment_intent_authentication_failure',
        doc_url: 'https://stripe.com/docs/error-codes/payment-intent-authentication-failure',
        message:
          'The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.',
      }
      await emitEvent(
        sim.kit,
        account,
        'payment_intent.payment_failed',
        intentJson(account, intent)
      )
    } else if (behaviour.kind === 'authenticate' && behaviour.afterwards !== 'succeed') {
      await decline(sim, account, intent, pm, behaviour.afterwards)
    } else {
      await authorize(sim, account, intent, pm)
    }
  }
  const back = new URL(intent.returnUrl ?? `${sim.base}/return`)
  back.searchParams.append('payment_intent', intent.id)
  back.searchParams.append('payment_intent_client_secret', intent.clientSecret)
  const succeeded = intent.status === 'succeeded' || intent.status === 'requires_capture'
  back.searchParams.append('redirect_status', succeeded ? 'succeeded' : 'failed')
  return back.toString()
}
