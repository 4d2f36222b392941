/**
 * @module `POST /v1/payment_intents` (created and, with `confirm=true`, confirmed at once) and
 * `GET /v1/payment_intents/{id}`, as the API reference documents them. A card given as
 * `payment_method_data` becomes a PaymentMethod; a saved one (`payment_method`) must belong to
 * the `customer` given with it.
 */
import { isLuhnValid } from './cards.ts'
import { ACCOUNT_API_VERSION, type Answer, failure, notFound, ok } from './http.ts'
import { emitEvent } from './notifications.ts'
import { intentJson } from './objects.ts'
import {
  boolean,
  integer,
  invalidRequest,
  listOf,
  metadataOf,
  nested,
  oneOf,
  type Params,
  refuseUnknown,
  required,
  text,
} from './params.ts'
import { confirm, type Sim } from './payment-attempt.ts'
import { type Account, type Intent, type PaymentMethod, randomId } from './store.ts'

const CREATE_PARAMS = [
  'amount',
  'currency',
  'capture_method',
  'confirm',
  'customer',
  'description',
  'error_on_requires_action',
  'metadata.*',
  'off_session',
  'payment_method',
  'payment_method_data.type',
  'payment_method_data.card.number',
  'payment_method_data.card.exp_month',
  'payment_method_data.card.exp_year',
  'payment_method_data.card.cvc',
  'payment_method_data.billing_details.name',
  'payment_method_data.billing_details.email',
  'payment_method_data.billing_details.phone',
  'payment_method_data.metadata.*',
  'payment_method_options.card.request_three_d_secure',
  'allowed_payment_method_types.*',
  // Refused from 2026-09-30.endive on with its own code, not as an unknown parameter.
  'payment_method_types.*',
  'automatic_payment_methods.enabled',
  'automatic_payment_methods.allow_redirects',
  'receipt_email',
  'return_url',
  'setup_future_usage',
  'statement_descriptor',
  'statement_descriptor_suffix',
  'expand.*',
]

const cardError = (code: string, message: string, param: string): Answer =>
  failure(402, {
    type: 'card_error',
    code,
    message,
    param,
    doc_url: `https://stripe.com/docs/error-codes/${code.replace(/_/g, '-')}`,
  })

/** The card of `payment_method_data`, checked as Stripe checks a new card. */
function newCard(sim: Sim, params: Params): PaymentMethod | Answer {
  const data = nested(params, 'payment_method_data')
  if (required(data, 'type', 'payment_method_data[type]') !== 'card')
    throw invalidRequest(
      'This integration accepts only card payment methods.',
      'payment_method_unsupported_type',
      'payment_method_data[type]'
    )
  const card = nested(data, 'card')
  const number = required(card, 'number', 'payment_method_data[card][number]').replace(/\s/g, '')
  const expMonth = integer(card, 'exp_month') ?? Number.NaN
  const expYear = integer(card, 'exp_year') ?? Number.NaN
  const cvc = text(card, 'cvc')
  const now = new Date(sim.kit.now())
  if (!isLuhnValid(number))
    return cardError(
      'incorrect_number',
      'Your card number is incorrect.',
      'payment_method_data[card][number]'
    )
  if (!(expMonth >= 1 && expMonth <= 12))
    return cardError(
      'invalid_expiry_month',
      "Your card's expiration month is invalid.",
      'payment_method_data[card][exp_month]'
    )
  const fullYear = expYear < 100 ? 2000 + expYear : expYear
  const expired =
    fullYear < now.getUTCFullYear() ||
    (fullYear === now.getUTCFullYear() && expMonth < now.getUTCMonth() + 1)
  if (!Number.isInteger(expYear) || expired)
    return cardError(
      'invalid_expiry_year',
      "Your card's expiration year is invalid.",
      'payment_method_data[card][exp_year]'
    )
  if (cvc !== undefined && !/^\d{3,4}$/.test(cvc))
    return cardError(
      'invalid_cvc',
      "Your card's security code is invalid.",
      'payment_method_data[card][cvc]'
    )
  const billing = nested(data, 'billing_details')
  return {
    id: randomId('pm_1', 24),
    number,
    expMonth,
    expYear: fullYear,
    billingDetails: { name: text(billing, 'name') ?? null, email: text(billing, 'email') ?? null },
    customer: null,
    setUpOffSession: false,
    created: Math.floor(sim.kit.now() / 1000),
  }
}

/** From 2026-09-30.endive on, `payment_method_types` is no longer writable (API changelog). */
const refusesPaymentMethodTypes = (version: string) => version.slice(0, 10) >= '2026-09-30'

/**
 * The payment method types the intent is limited to; empty under automatic payment methods.
 * `allowed_payment_method_types` drops the types that cannot be used, `payment_method_types`
 * (before endive) refuses them; either excludes `automatic_payment_methods`.
 */
function paymentMethodTypesOf(sim: Sim, params: Params): string[] {
  const given = [
    'allowed_payment_method_types',
    'payment_method_types',
    'automatic_payment_methods',
  ].filter((name) => params[name] !== undefined)
  if (
    params.payment_method_types !== undefined &&
    refusesPaymentMethodTypes(sim.apiVersion ?? ACCOUNT_API_VERSION)
  )
    throw invalidRequest(
      'payment_method_types is no longer supported on this API version. Use allowed_payment_method_types, excluded_payment_method_types or dynamic payment methods instead.',
      'payment_method_types_no_longer_supported',
      'payment_method_types'
    )
  if (given.length > 1)
    throw invalidRequest(
      `You may only specify one of these parameters: ${given.join(', ')}.`,
      'parameters_exclusive',
      given[0]
    )
  const legacy = listOf(params, 'payment_method_types')
  if (legacy.some((t) => t !== 'card'))
    throw invalidRequest(
      'The payment method type provided is not available for this account.',
      'payment_method_unsupported_type',
      'payment_method_types'
    )
  if (params.allowed_payment_method_types === undefined) return legacy
  const allowed = listOf(params, 'allowed_payment_method_types').filter((t) => t === 'card')
  if (allowed.length === 0)
    throw invalidRequest(
      'None of the allowed_payment_method_types can be used for this PaymentIntent.',
      'payment_intent_invalid_parameter',
      'allowed_payment_method_types'
    )
  return allowed
}

export async function createIntent(
  sim: Sim,
  account: Account,
  params: Params,
  keys: string[]
): Promise<Answer> {
  refuseUnknown(keys, CREATE_PARAMS)
  const amount = integer(params, 'amount')
  if (amount === undefined)
    throw invalidRequest('Missing required param: amount.', 'parameter_missing', 'amount')
  if (amount < 1)
    throw invalidRequest(
      'This value must be greater than or equal to 1.',
      'parameter_invalid_integer',
      'amount'
    )
  const currency = required(params, 'currency')
  if (!/^[a-z]{3}$/.test(currency))
    throw invalidRequest(
      `Invalid currency: ${currency}. Stripe currently supports these currencies in lowercase ISO 4217 codes.`,
      undefined,
      'currency'
    )
  const confirming = boolean(params, 'confirm') ?? false
  const offSession = boolean(params, 'off_session') ?? false
  const errorOnRequiresAction = boolean(params, 'error_on_requires_action') ?? false
  if ((offSession || errorOnRequiresAction) && !confirming)
    throw invalidRequest(
      'off_session and error_on_requires_action may only be set when confirm=true.',
      'parameter_invalid_empty',
      offSession ? 'off_session' : 'error_on_requires_action'
    )
  const returnUrl = text(params, 'return_url') ?? null
  const types = paymentMethodTypesOf(sim, params)
  const automatic = nested(params, 'automatic_payment_methods')
  if (
    confirming &&
    !returnUrl &&
    !offSession &&
    types.length === 0 &&
    automatic.allow_redirects !== 'never'
  )
    throw invalidRequest(
      'A return_url must be specified because this Payment Intent is configured to automatically accept the payment methods enabled in the Dashboard, some of which may require a full page redirect to succeed. If you do not want to accept redirect-based payment methods, set automatic_payment_methods[enabled] to true and automatic_payment_methods[allow_redirects] to never when creating Setup Intents and Payment Intents.',
      undefined,
      'return_url'
    )
  const customer = text(params, 'customer') ?? null
  if (customer && !account.customers.has(customer))
    return notFound('customer', customer, 'customer')

  let pm: PaymentMethod | undefined
  const saved = text(params, 'payment_method')
  if (saved) {
    pm = account.paymentMethods.get(saved)
    if (!pm) return notFound('PaymentMethod', saved, 'payment_method')
    if (pm.customer !== customer)
      throw invalidRequest(
        pm.customer
          ? `The provided PaymentMethod belongs to a Customer other than ${customer ?? 'none'}.`
          : 'The provided PaymentMethod was previously used with a PaymentIntent without Customer attachment, shared with a connected account without Customer attachment, or was detached from a Customer. It may not be used again. To use a PaymentMethod multiple times, you must attach it to a Customer first.',
        'payment_method_unexpected_state',
        'payment_method'
      )
  } else if (params.payment_method_data !== undefined) {
    const created = newCard(sim, params)
    if ('status' in created) return created
    pm = created
    account.paymentMethods.set(pm.id, pm)
  }
  if (confirming && !pm)
    throw invalidRequest(
      "You cannot confirm this PaymentIntent because it's missing a payment method.",
      'payment_intent_unexpected_state'
    )

  const id = randomId('pi_3', 24)
  const intent: Intent = {
    id,
    clientSecret: `${id}_secret_${randomId('', 25)}`,
    amount,
    currency,
    status: pm ? 'requires_confirmation' : 'requires_payment_method',
    captureMethod:
      oneOf(params, 'capture_method', ['automatic', 'automatic_async', 'manual'] as const) ??
      'automatic_async',
    amountCapturable: 0,
    amountReceived: 0,
    customer,
    paymentMethod: pm?.id ?? null,
    allowedPaymentMethodTypes:
      params.allowed_payment_method_types === undefined
        ? null
        : listOf(params, 'allowed_payment_method_types'),
    description: text(params, 'description') ?? null,
    metadata: metadataOf(params),
    setupFutureUsage:
      oneOf(params, 'setup_future_usage', ['off_session', 'on_session'] as const) ?? null,
    returnUrl,
    actionUrl: null,
    lastPaymentError: null,
    latestCharge: null,
    cancellationReason: null,
    canceledAt: null,
    created: Math.floor(sim.kit.now() / 1000),
  }
  const requestThreeDSecure = oneOf(
    nested(nested(params, 'payment_method_options'), 'card'),
    'request_three_d_secure',
    ['any', 'automatic', 'challenge'] as const
  )
  sim.store.addIntent(account, intent)
  await emitEvent(sim.kit, account, 'payment_intent.created', intentJson(account, intent))
  if (!confirming || !pm) return ok(intentJson(account, intent))
  return confirm(sim, account, intent, pm, {
    offSession,
    requestThreeDSecure,
    errorOnRequiresAction,
  })
}

export function retrieveIntent(account: Account, id: string): Answer {
  const intent = account.intents.get(id)
  return intent ? ok(intentJson(account, intent)) : notFound('payment_intent', id)
}
