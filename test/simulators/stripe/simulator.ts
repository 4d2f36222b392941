/**
 * @module The Stripe simulator: the v1 API the gateway uses (PaymentIntents, Refunds, Customers,
 * PaymentMethods, webhook endpoints) with Bearer key auth, form parameters, idempotency keys and
 * Stripe's error shapes; the 3-D Secure page; signed events to each account's webhook endpoints.
 * Control: `POST /stripe/__sim/dispute {merchant, paymentIntent}` opens a dispute.
 */
import {
  dropConnection,
  type Operation,
  type Simulator,
  type SimulatorFactory,
} from '../kit/types.ts'
import {
  addEndpoint,
  attachPaymentMethod,
  createCustomer,
  createEndpoint,
  detachPaymentMethod,
  listEndpoints,
  retrieveCustomer,
  retrievePaymentMethod,
} from './accounts.ts'
import { type Answer, apiError, authenticate, failure, notFound, ok, toResponse } from './http.ts'
import { replayOf, save } from './idempotency.ts'
import { cancelIntent, captureIntent, searchIntents } from './intent-operations.ts'
import { createIntent, retrieveIntent } from './intents.ts'
import { chargeJson } from './objects.ts'
import { threeDSecurePage } from './pages.ts'
import { ParamError, type Params, parseForm } from './params.ts'
import type { Sim } from './payment-attempt.ts'
import { createRefund, listRefunds, openDispute, retrieveRefund } from './refunds.ts'
import { type Account, StripeStore } from './store.ts'

type Handler = (
  sim: Sim,
  account: Account,
  id: string,
  params: Params,
  keys: string[]
) => Answer | Promise<Answer>

interface Route {
  method: 'GET' | 'POST'
  pattern: RegExp
  /** The gateway operation a test can arm a fault on. */
  operation?: (params: Params) => Operation
  run: Handler
}

/** The events docs/providers/stripe.md asks merchants to select for the gateway's endpoint. */
const DASHBOARD_EVENTS = [
  'payment_intent.succeeded',
  'payment_intent.payment_failed',
  'payment_intent.canceled',
  'payment_intent.amount_capturable_updated',
  'payment_intent.requires_action',
  'payment_intent.processing',
  'charge.refunded',
  'refund.created',
  'refund.updated',
  'refund.failed',
  'charge.dispute.created',
]

const ID = '([A-Za-z0-9_]+)'
const routes: Route[] = [
  {
    method: 'POST',
    pattern: /^\/v1\/payment_intents$/,
    operation: (p) => (p.off_session === 'true' ? 'recurring' : 'create'),
    run: (sim, a, _, p, k) => createIntent(sim, a, p, k),
  },
  {
    method: 'GET',
    pattern: /^\/v1\/payment_intents\/search$/,
    operation: () => 'status',
    run: (_s, a, _, p, k) => searchIntents(a, p, k),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/v1/payment_intents/${ID}$`),
    operation: () => 'status',
    run: (_s, a, id) => retrieveIntent(a, id),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/v1/payment_intents/${ID}/capture$`),
    operation: () => 'capture',
    run: captureIntent,
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/v1/payment_intents/${ID}/cancel$`),
    operation: () => 'cancel',
    run: cancelIntent,
  },
  {
    method: 'POST',
    pattern: /^\/v1\/refunds$/,
    operation: () => 'refund',
    run: (sim, a, _, p, k) => createRefund(sim, a, p, k),
  },
  { method: 'GET', pattern: /^\/v1\/refunds$/, run: (_s, a, _, p, k) => listRefunds(a, p, k) },
  {
    method: 'GET',
    pattern: new RegExp(`^/v1/refunds/${ID}$`),
    run: (_s, a, id) => retrieveRefund(a, id),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/v1/charges/${ID}$`),
    run: (_s, a, id) => {
      const c = a.charges.get(id)
      return c ? ok(chargeJson(c)) : notFound('charge', id)
    },
  },
  {
    method: 'POST',
    pattern: /^\/v1\/customers$/,
    run: (sim, a, _, p, k) => createCustomer(sim, a, p, k),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/v1/customers/${ID}$`),
    run: (_s, a, id) => retrieveCustomer(a, id),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/v1/payment_methods/${ID}$`),
    run: (_s, a, id) => retrievePaymentMethod(a, id),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/v1/payment_methods/${ID}/attach$`),
    run: attachPaymentMethod,
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/v1/payment_methods/${ID}/detach$`),
    operation: () => 'stop_recurring',
    run: (sim, a, id, _p, k) => detachPaymentMethod(sim, a, id, k),
  },
  {
    method: 'POST',
    pattern: /^\/v1\/webhook_endpoints$/,
    run: (sim, a, _, p, k) => createEndpoint(sim, a, p, k),
  },
  { method: 'GET', pattern: /^\/v1\/webhook_endpoints$/, run: (_s, a) => listEndpoints(a) },
]

const unrecognized = (method: string, path: string) =>
  failure(404, {
    type: 'invalid_request_error',
    message: `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
  })

async function api(sim: Sim, request: Request, path: string): Promise<Response> {
  const auth = authenticate(sim.store, request)
  if ('refused' in auth) return toResponse(auth.refused!)
  const { account, version } = auth
  const method = request.method
  const route = routes.find((r) => r.method === method && r.pattern.test(path))
  if (!route) return toResponse(unrecognized(method, path))
  const headers: Record<string, string> = { 'Stripe-Version': version }
  let form: ReturnType<typeof parseForm>
  try {
    form = parseForm(method === 'GET' ? new URL(request.url).search.slice(1) : await request.text())
  } catch (error) {
    if (error instanceof ParamError) return toResponse(failure(400, { ...error.body }), headers)
    throw error
  }
  const key = method === 'POST' ? request.headers.get('Idempotency-Key') : null
  if (key) {
    headers['Idempotency-Key'] = key
    const replay = replayOf(account, key, method, path, form.params)
    if (replay.kind === 'refused') return toResponse(replay.answer, headers)
    if (replay.kind === 'replay') {
      sim.kit.count(account.id, 'idempotent_replays')
      return toResponse(replay.answer, { ...headers, 'Idempotent-Replayed': 'true' })
    }
  }
  const operation = route.operation?.(form.params)
  const fault = operation ? sim.kit.fault(account.id, operation) : undefined
  let answer: Answer
  if (fault === 'http_500') {
    answer = apiError()
  } else {
    try {
      const id = route.pattern.exec(path)?.[1] ?? ''
      answer = await route.run({ ...sim, apiVersion: version }, account, id, form.params, form.keys)
      sim.kit.count(account.id, `${method} ${route.pattern.source}`)
    } catch (error) {
      // Refused before it ran: not saved under the idempotency key.
      if (error instanceof ParamError) return toResponse(failure(400, { ...error.body }), headers)
      throw error
    }
  }
  if (key) save(account, key, method, path, form.params, answer)
  if (fault === 'drop') return dropConnection()
  return toResponse(answer, headers)
}

export const stripeSimulator: SimulatorFactory = (kit): Simulator => {
  const store = new StripeStore()
  return {
    id: 'stripe',
    async createMerchant({ notificationUrl }) {
      const account = store.openAccount()
      const sim: Sim = { kit, store, base: '' }
      const endpoint = addEndpoint(sim, account, {
        url: notificationUrl,
        enabledEvents: DASHBOARD_EVENTS,
        apiVersion: null,
        description: 'Dashboard endpoint set up with the account',
      })
      return {
        merchant: account.id,
        configs: {
          secretKey: account.secretKey,
          webhookSecret: endpoint.secret,
          publishableKey: account.publishableKey,
        },
      }
    },
    async handle(request, { base, path }) {
      const sim: Sim = { kit, store, base }
      if (path === '/3d_secure_2/hosted') return threeDSecurePage(sim, request)
      if (path === '/__sim/dispute' && request.method === 'POST') {
        const body = (await request.json().catch(() => ({}))) as {
          merchant?: string
          paymentIntent?: string
        }
        const account = store.account(body.merchant ?? '')
        if (!account) return toResponse(notFound('account', body.merchant ?? ''))
        return toResponse(await openDispute(sim, account, body.paymentIntent ?? ''))
      }
      return api(sim, request, path)
    },
  }
}
