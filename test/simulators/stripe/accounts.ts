/**
 * @module Customers, PaymentMethods (retrieve, attach, detach) and webhook endpoints
 * (`POST /v1/webhook_endpoints` answers the signing `secret` once, at creation). Docs:
 * https://docs.stripe.com/api/customers, https://docs.stripe.com/api/payment_methods/detach,
 * https://docs.stripe.com/api/webhook_endpoints/create.
 */
import { type Answer, notFound, ok } from './http.ts'
import { emitEvent } from './notifications.ts'
import { customerJson, endpointJson, paymentMethodJson } from './objects.ts'
import {
  invalidRequest,
  listOf,
  metadataOf,
  type Params,
  refuseUnknown,
  required,
  text,
} from './params.ts'
import type { Sim } from './payment-attempt.ts'
import { type Account, type Customer, randomId, type WebhookEndpoint } from './store.ts'

export async function createCustomer(sim: Sim, account: Account, params: Params, keys: string[]) {
  refuseUnknown(keys, ['email', 'name', 'description', 'phone', 'metadata.*', 'expand.*'])
  const customer: Customer = {
    id: randomId('cus_', 14),
    email: text(params, 'email') ?? null,
    name: text(params, 'name') ?? null,
    description: text(params, 'description') ?? null,
    metadata: metadataOf(params),
    created: Math.floor(sim.kit.now() / 1000),
  }
  account.customers.set(customer.id, customer)
  await emitEvent(sim.kit, account, 'customer.created', customerJson(customer))
  return ok(customerJson(customer))
}

export function retrieveCustomer(account: Account, id: string): Answer {
  const customer = account.customers.get(id)
  return customer ? ok(customerJson(customer)) : notFound('customer', id)
}

export function retrievePaymentMethod(account: Account, id: string): Answer {
  const pm = account.paymentMethods.get(id)
  return pm ? ok(paymentMethodJson(pm)) : notFound('PaymentMethod', id)
}

export async function attachPaymentMethod(
  sim: Sim,
  account: Account,
  id: string,
  params: Params,
  keys: string[]
) {
  refuseUnknown(keys, ['customer', 'expand.*'])
  const pm = account.paymentMethods.get(id)
  if (!pm) return notFound('PaymentMethod', id)
  const customer = required(params, 'customer')
  if (!account.customers.has(customer)) return notFound('customer', customer, 'customer')
  if (pm.customer && pm.customer !== customer)
    throw invalidRequest(
      'The payment method you provided has already been attached to a customer.',
      'payment_method_unexpected_state'
    )
  pm.customer = customer
  await emitEvent(sim.kit, account, 'payment_method.attached', paymentMethodJson(pm))
  return ok(paymentMethodJson(pm))
}

export async function detachPaymentMethod(sim: Sim, account: Account, id: string, keys: string[]) {
  refuseUnknown(keys, ['expand.*'])
  const pm = account.paymentMethods.get(id)
  if (!pm) return notFound('PaymentMethod', id)
  if (!pm.customer)
    throw invalidRequest(
      'The payment method you provided is not attached to a customer so detachment is impossible.',
      'payment_method_unexpected_state'
    )
  pm.customer = null
  pm.setUpOffSession = false
  await emitEvent(sim.kit, account, 'payment_method.detached', paymentMethodJson(pm))
  return ok(paymentMethodJson(pm))
}

export function addEndpoint(
  sim: Sim,
  account: Account,
  endpoint: {
    url: string
    enabledEvents: string[]
    apiVersion: string | null
    description: string | null
  }
): WebhookEndpoint {
  const created: WebhookEndpoint = {
    id: randomId('we_1', 24),
    secret: randomId('whsec_', 32),
    status: 'enabled',
    created: Math.floor(sim.kit.now() / 1000),
    ...endpoint,
  }
  account.endpoints.push(created)
  return created
}

export function createEndpoint(sim: Sim, account: Account, params: Params, keys: string[]): Answer {
  refuseUnknown(keys, [
    'url',
    'enabled_events.*',
    'api_version',
    'description',
    'metadata.*',
    'connect',
    'expand.*',
  ])
  const url = required(params, 'url')
  if (!/^https?:\/\//.test(url))
    throw invalidRequest('Invalid URL: must be an http or https URL.', 'url_invalid', 'url')
  const enabledEvents = listOf(params, 'enabled_events')
  if (enabledEvents.length === 0)
    throw invalidRequest(
      'Missing required param: enabled_events.',
      'parameter_missing',
      'enabled_events'
    )
  const endpoint = addEndpoint(sim, account, {
    url,
    enabledEvents,
    apiVersion: text(params, 'api_version') ?? null,
    description: text(params, 'description') ?? null,
  })
  return ok(endpointJson(endpoint, true))
}

export function listEndpoints(account: Account): Answer {
  return ok({
    object: 'list',
    data: account.endpoints.map((e) => endpointJson(e, false)),
    has_more: false,
    url: '/v1/webhook_endpoints',
  })
}
