/**
 * @module What `npm run bench:load` measures, one request kind per scenario. A scenario prepares
 * the requests of one run: fixed ones, ones made anew for every send (a fresh Idempotency-Key and
 * shopper), or a pool of single-use ones made beforehand (a shopper's return, a refund), sized
 * from the rate expected so the run rarely outlives its pool.
 */
import { randomUUID } from 'node:crypto'
import type autocannon from 'autocannon'
import {
  apiHeaders,
  type HeldNotification,
  paidPayments,
  paymentBody,
  pendingReturns,
} from './fixtures.ts'
import { freshToken, type Tenant } from './tenant.ts'

export interface Prepared {
  requests: autocannon.Request[]
  /** For a pool: the requests not sent yet; a run sends at most that many. */
  left?: () => number
}

export interface Scenario {
  id: string
  title: string
  target: 'bare' | 'gateway'
  /** Statuses that mean the request did its job; any other counts as unexpected. */
  expected: number[]
  /** Provider calls one request makes by design; the simulators' count checks it. */
  providerCalls: number
  note: string
  /** One run's requests; a pool holds `rate` (req/s expected) × the duration, plus `extra` for warm-up. */
  prepare(run: { connections: number; rate: number; extra: number }): Promise<Prepared>
}

export interface ScenarioContext {
  tenant: Tenant
  durationS: number
  /** Successful sandbox payments, whose status is read in turn. */
  statusIds: string[]
  notifications: HeldNotification[]
}

/**
 * Pools hold this much more than the expected rate × duration (the rate is the 3-D Secure
 * start's, and a return or a refund may go faster), and at least `MIN_POOL`.
 */
const POOL_MARGIN = 2
const MIN_POOL = 40
/** Making a pool costs about as long as spending it: capped so one run stays minutes, not hours. */
const MAX_POOL = Number(process.env.LOAD_MAX_POOL ?? 3000)

/** A request made by `make` for every send. */
const eachTime = (make: () => autocannon.Request): autocannon.Request[] => [
  {
    setupRequest: (request) => {
      const made = make()
      return { ...request, ...made, headers: { ...request.headers, ...made.headers } }
    },
  },
]

const inTurn = <T>(items: T[], make: (item: T) => autocannon.Request) => {
  let next = 0
  return eachTime(() => make(items[next++ % items.length]!))
}

/** Each item sent once; past the end (a run's last in-flight sends), the last one again. */
function pool<T>(items: T[], make: (item: T) => autocannon.Request): Prepared {
  let next = 0
  return {
    requests: eachTime(() => make(items[Math.min(next++, items.length - 1)]!)),
    left: () => Math.max(items.length - next, 0),
  }
}

export function scenarios(ctx: ScenarioContext): Scenario[] {
  const { tenant, durationS } = ctx
  const api = apiHeaders(tenant)
  const poolSize = (run: { connections: number; rate: number; extra: number }) =>
    Math.min(
      MAX_POOL,
      Math.max(MIN_POOL, Math.ceil(run.rate * durationS * POOL_MARGIN) + run.connections)
    ) + run.extra
  const fixed = (request: autocannon.Request): Prepared => ({ requests: [request] })

  return [
    {
      id: 'bare-health',
      title: 'bare worker GET /health',
      target: 'bare',
      expected: [200],
      providerCalls: 0,
      note: 'The floor: a bare Hono worker under the same `wrangler dev` answering a constant JSON.',
      prepare: async () => fixed({ method: 'GET', path: '/health' }),
    },
    {
      id: 'health',
      title: 'GET /health',
      target: 'gateway',
      expected: [200],
      providerCalls: 0,
      note: 'Probes D1 (`SELECT 1`), KV, the Durable Object and the vars.',
      prepare: async () => fixed({ method: 'GET', path: '/health' }),
    },
    {
      id: 'config',
      title: 'GET /v1/config/tenant',
      target: 'gateway',
      expected: [200],
      providerCalls: 0,
      note: "A signed-in user lists the tenant's provider credentials (decrypted, shown masked).",
      prepare: async () =>
        fixed({
          method: 'GET',
          path: '/v1/config/tenant',
          headers: { Authorization: `Bearer ${await freshToken(tenant)}` },
        }),
    },
    {
      id: 'sandbox-create',
      title: 'POST /v1/payments/sandbox',
      target: 'gateway',
      expected: [201],
      providerCalls: 0,
      note:
        'Direct card payment at the built-in sandbox, whose PSP runs inside the gateway (no ' +
        'network call, no delay); a fresh Idempotency-Key and shopper email per request.',
      prepare: async () => ({
        requests: eachTime(() => ({
          method: 'POST',
          path: '/v1/payments/sandbox',
          headers: { ...api, 'Idempotency-Key': randomUUID() },
          body: paymentBody(false),
        })),
      }),
    },
    {
      id: 'status',
      title: 'GET /v1/payments/sandbox/{id}',
      target: 'gateway',
      expected: [200],
      providerCalls: 0,
      note: `A successful payment's status (final, so not asked of the provider), over ${ctx.statusIds.length} payments in turn.`,
      prepare: async () => ({
        requests: inTurn(ctx.statusIds, (id) => ({
          method: 'GET',
          path: `/v1/payments/sandbox/${id}`,
          headers: api,
        })),
      }),
    },
    {
      id: '3ds-start',
      title: 'POST /v1/payments/iyzico (use3D)',
      target: 'gateway',
      expected: [201],
      providerCalls: 1,
      note:
        "iyzico 3-D Secure initialize (one provider call); the bank's page is kept for " +
        '`/v1/pay/{id}`. Fresh Idempotency-Key and shopper per request.',
      prepare: async () => ({
        requests: eachTime(() => ({
          method: 'POST',
          path: '/v1/payments/iyzico',
          headers: { ...api, 'Idempotency-Key': randomUUID() },
          body: paymentBody(true),
        })),
      }),
    },
    {
      id: 'callback',
      title: 'POST /v1/callback/iyzico?state=…',
      target: 'gateway',
      expected: [303],
      providerCalls: 1,
      note:
        "The shopper's return from the bank: the form iyzico's page posts (its signed fields). " +
        'Each request returns a different pre-made 3-D Secure payment, since a return works ' +
        'once (a repeat is a 400 by design, not a provider retry). One provider call (3-D ' +
        'Secure auth); answered 303 to the shop.',
      prepare: async (run) =>
        pool(await pendingReturns(tenant, poolSize(run)), (back) => ({
          method: 'POST',
          path: back.path,
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: back.body,
        })),
    },
    {
      id: 'refund',
      title: 'POST /v1/payments/iyzico/refund',
      target: 'gateway',
      expected: [200],
      providerCalls: 1,
      note:
        'A full refund of a pre-made successful iyzico payment, one refund per payment, fresh ' +
        'Idempotency-Key. One provider call (`/v2/payment/refund`).',
      prepare: async (run) =>
        pool(await paidPayments(tenant, 'iyzico', poolSize(run)), (paymentId) => ({
          method: 'POST',
          path: '/v1/payments/iyzico/refund',
          headers: { ...api, 'Idempotency-Key': randomUUID() },
          body: JSON.stringify({ paymentId }),
        })),
    },
    {
      id: 'webhook',
      title: 'POST /v1/webhooks/iyzico',
      target: 'gateway',
      expected: [200],
      providerCalls: 1,
      note:
        `iyzico \`API_AUTH\` notifications exactly as its simulator signed them, for ` +
        `${ctx.notifications.length} payments in turn (so each is also a provider's retry). A ` +
        'verified notification makes the gateway ask iyzico for the payment (one call).',
      prepare: async () => ({
        requests: inTurn(ctx.notifications, (n) => ({
          method: 'POST',
          path: '/v1/webhooks/iyzico',
          headers: n.headers,
          body: n.body,
        })),
      }),
    },
  ]
}
