/**
 * Route fuzzing support for test/integration/fuzz.routes.test.ts: the catalog of mutating routes to
 * fuzz, the tenant and real objects each route is fuzzed against, the requests built from each
 * route's documented example with the generators of ./route-fuzz-inputs, and the check every answer
 * must pass: no 5xx, the stable error shape, and no write in D1 when refused.
 */
import fc from 'fast-check'
import { expect } from 'vitest'
// Registering the app's routes fills ROUTE_ACCESS, the catalog the fuzzed routes come from.
import '../../src/app'
import { ROUTE_ACCESS, type RouteAccess } from '../../src/http/access'
import {
  expectWellFormedAnswer,
  type RawResponse,
  rowCounts,
  sendRaw,
  type TenantSnapshot,
  tenantSnapshot,
} from './fuzz'
import { call } from './http'
import { card, createPayingTenant, paymentBody } from './payments'
import {
  bodyArb,
  DECIMAL_CURRENCIES,
  headersArb,
  type Json,
  pathsOf,
  queryArb,
  randomSegment,
  replacedAt,
} from './route-fuzz-inputs'
import { createApiKey, createTestTenant, type TestTenant } from './tenant'

// ---------------------------------------------------------------------------------------------
// The routes fuzzed

/** Routes that take a provider's or a shopper's body, not a merchant's: fuzzed by their own suites. */
const PROVIDER_FACING = new Set([
  'POST /v1/callback/:provider',
  'POST /v1/webhooks/:provider',
  'POST /sandbox/3ds/:id',
  'POST /sandbox/api/*',
])

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

export const routeKey = (route: Pick<RouteAccess, 'method' | 'path'>) =>
  `${route.method} ${route.path}`

export const fuzzedRoutes = () =>
  ROUTE_ACCESS.filter((r) => MUTATING.has(r.method) && !PROVIDER_FACING.has(routeKey(r)))

// ---------------------------------------------------------------------------------------------
// The tenant each route is fuzzed against, with real objects for its path parameters

export interface Fixture {
  tenant: TestTenant
  /** Real values for each path parameter name. */
  params: Record<string, string[]>
  /** Successful and authorized payments per currency, for the decimal checks. */
  paid: Record<string, string>
  authorized: Record<string, string>
  /** Every id the tenant owns, put in place of the example's ids in body templates. */
  ids: string[]
  /** Per-input D1 snapshot kept from the last refusal, which by the property changed nothing. */
  lastSnapshot?: TenantSnapshot
}

async function createPayment(tenant: TestTenant, overrides: Record<string, unknown>) {
  const res = await call<{ paymentId: string; status: string }>('POST', '/v1/payments/sandbox', {
    token: tenant.token,
    body: paymentBody(overrides),
  })
  if (res.status !== 201) throw new Error(`payment: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body.paymentId
}

const WHOLE_AMOUNT = { JPY: 1000, TRY: 100.5, KWD: 10.125 } as const

let administrator: Promise<TestTenant> | undefined

/** The gateway has one administrator: made once, shared by the administrator routes. */
function theAdministrator() {
  administrator ??= createTestTenant('admin').then(async (admin) => {
    await call('PUT', '/v1/config/callback-origins', {
      token: admin.token,
      body: { origins: ['https://shop.example.com'] },
    })
    return admin
  })
  return administrator
}

export async function fixtureFor(route: RouteAccess): Promise<Fixture> {
  // Administrator routes need an administrator, or every input would stop at 403.
  const admin = route.access === 'admin'
  const tenant = admin ? await theAdministrator() : await createPayingTenant()
  const paid: Record<string, string> = {}
  const authorized: Record<string, string> = {}
  const others: string[] = []
  const needsPayments = route.path.includes(':paymentId') || route.path.endsWith('/refund')
  if (needsPayments) {
    for (const { currency } of DECIMAL_CURRENCIES) {
      const amount = WHOLE_AMOUNT[currency]
      paid[currency] = await createPayment(tenant, { currency, amount })
      authorized[currency] = await createPayment(tenant, { currency, amount, capture: false })
    }
    // The issuer refuses every refund of this card: a refusal that comes from the provider.
    others.push(await createPayment(tenant, { cardInfo: card('4000000000005126') }))
  }
  const params: Record<string, string[]> = {
    provider: ['sandbox'],
    // The sandbox offers no recurring charges, so the recurrence routes get ordinary payments.
    paymentId: [...Object.values(paid), ...Object.values(authorized), ...others],
  }
  if (route.path.startsWith('/v1/auth/api-keys/')) {
    params.id = [(await createApiKey(tenant)).id, (await createApiKey(tenant)).id]
  }
  if (route.path.startsWith('/v1/config/webhooks') || route.path.startsWith('/v1/webhooks/')) {
    const endpoint = await call<{ endpoint: { id: string } }>('POST', '/v1/config/webhooks', {
      token: tenant.token,
      body: { url: 'https://shop.example.com/hooks' },
    })
    if (endpoint.status !== 201) throw new Error(`endpoint: ${JSON.stringify(endpoint.body)}`)
    params.id = [...(params.id ?? []), endpoint.body.endpoint.id]
  }
  if (admin) {
    // Someone else for the administrator to act on; the admin's own tenant stays usable.
    const other = await createTestTenant()
    params.tenantId = [other.tenantId]
    params.userId = [other.userId]
  }
  const ids = [...params.paymentId!, ...(params.id ?? [])]
  return { tenant, params, paid, authorized, ids }
}

// ---------------------------------------------------------------------------------------------
// Requests built from the documented example bodies, and the check every answer must pass

interface MediaType {
  example?: Json
  examples?: Record<string, { value?: Json }>
}

/** The part of the served OpenAPI document the fuzzing reads: each operation's request body. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, { requestBody?: { content?: Record<string, MediaType> } }>>
}

/** The route's documented example body: the starting point for broken variants. */
function exampleBodyOf(openApi: OpenApiDocument, route: RouteAccess): Json | undefined {
  const openApiPath = route.path.replace(/:(\w+)/g, '{$1}')
  const operation = openApi.paths[openApiPath]?.[route.method.toLowerCase()]
  const media = operation?.requestBody?.content?.['application/json']
  if (!media) return undefined
  if (media.example !== undefined) return media.example
  return Object.values(media.examples ?? {})[0]?.value
}

/** A 402 is a recorded decline, not a refusal: a payment was made and said no. */
const isRefusal = (res: RawResponse) => res.status >= 400 && res.status !== 402

export interface Sent {
  method: string
  target: string
  headers: Record<string, string>
  body: string | Uint8Array | undefined
}

export const describeSent = (sent: Sent) => {
  const body =
    sent.body instanceof Uint8Array
      ? `bytes[${sent.body.length}] ${Array.from(sent.body.slice(0, 60), (b) => b.toString(16)).join(' ')}`
      : sent.body === undefined
        ? 'no body'
        : sent.body.length > 300
          ? `${sent.body.slice(0, 300)}… (${sent.body.length} chars)`
          : sent.body
  return `${sent.method} ${sent.target.slice(0, 300)} headers=${JSON.stringify(sent.headers).slice(0, 300)} body=${body}`
}

/** Sends one input and checks every property: no 5xx, stable error shape, no write when refused. */
export async function checkOne(fixture: Fixture, sent: Sent) {
  const before = fixture.lastSnapshot ?? (await tenantSnapshot(fixture.tenant.tenantId))
  fixture.lastSnapshot = undefined
  const res = await sendRaw(sent)
  const what = describeSent(sent)
  expectWellFormedAnswer(res, what)
  if (isRefusal(res)) {
    const after = await tenantSnapshot(fixture.tenant.tenantId)
    expect(rowCounts(after), `row counts changed by ${what}`).toEqual(rowCounts(before))
    expect(after, `rows changed by ${what}`).toEqual(before)
    fixture.lastSnapshot = after
  }
  return res
}

const ID_PATTERN = /^[a-z]+_[0-9A-HJKMNP-TV-Z]{26}$/

/** The example with its ids replaced by the tenant's own, one variant per real id of each kind. */
function withTenantIds(example: Json, ids: string[]): Json[] {
  const idPaths = pathsOf(example).filter((path) => {
    const value = path.reduce<Json>((node, key) => (node as Record<string, Json>)[key]!, example)
    return typeof value === 'string' && ID_PATTERN.test(value)
  })
  const variants = idPaths.flatMap((path) => {
    const value = path.reduce<Json>((node, key) => (node as Record<string, Json>)[key]!, example)
    const prefix = String(value).split('_')[0]
    return ids
      .filter((id) => id.startsWith(`${prefix}_`))
      .map((id) => replacedAt(example, path, id))
  })
  return [example, ...variants]
}

/** Cards the sandbox treats differently: success, decline, lost answer, 3-D Secure, refusing refunds. */
const SANDBOX_CARDS = [
  '4000000000000002',
  '4000000000000101',
  '4000000000003220',
  '4000000000005126',
]

function templatesFor(openApi: OpenApiDocument, route: RouteAccess, fixture: Fixture): Json[] {
  const example = exampleBodyOf(openApi, route) ?? {}
  const templates = withTenantIds(example, fixture.ids)
  if (routeKey(route) === 'POST /v1/payments/:provider') {
    for (const cardNumber of SANDBOX_CARDS)
      templates.push(replacedAt(example, ['cardInfo', 'cardNumber'], cardNumber))
  }
  return templates
}

/** One request to the route: path parameters, query string, headers and body. */
export function requestArb(openApi: OpenApiDocument, route: RouteAccess, fixture: Fixture) {
  const names = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]!)
  const paramArbs = names.map((name) => {
    const real = fixture.params[name] ?? []
    return real.length
      ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...real) }, randomSegment)
      : randomSegment
  })
  return fc.record({
    params: fc.tuple(...paramArbs),
    query: queryArb,
    headers: headersArb,
    body: bodyArb(templatesFor(openApi, route, fixture)),
  })
}

/** The request an input from requestArb stands for, sent as the fixture's tenant. */
export function toSent(
  route: RouteAccess,
  fixture: Fixture,
  input: {
    params: string[]
    query: string
    headers: { contentType?: string; idempotencyKey?: string; extra: Record<string, string> }
    body: string | Uint8Array | undefined
  }
): Sent {
  let i = 0
  const path = route.path.replace(/:(\w+)/g, () => input.params[i++]!)
  const headers: Record<string, string> = { ...input.headers.extra }
  if (input.headers.contentType !== undefined) headers['Content-Type'] = input.headers.contentType
  if (input.headers.idempotencyKey !== undefined)
    headers['Idempotency-Key'] = input.headers.idempotencyKey
  headers.Authorization = `Bearer ${fixture.tenant.token}`
  // GET and HEAD cannot carry a body; every route here is a mutating one, so the body always goes.
  return { method: route.method, target: `${path}${input.query}`, headers, body: input.body }
}

/** Amount fields whose decimals are checked against the payment's currency. */
export const AMOUNT_FIELDS: Record<
  string,
  {
    field: string
    body: (fixture: Fixture, currency: string, amount: unknown) => { path: string; body: Json }
  }
> = {
  'POST /v1/payments/:provider': {
    field: 'amount',
    body: (_fixture, currency, amount) => ({
      path: '/v1/payments/sandbox',
      body: paymentBody({ currency, amount }) as Json,
    }),
  },
  'POST /v1/payments/:provider/:paymentId/capture': {
    field: 'amount',
    body: (fixture, currency, amount) => ({
      path: `/v1/payments/sandbox/${fixture.authorized[currency]}/capture`,
      body: { amount } as Json,
    }),
  },
  'POST /v1/payments/:provider/refund': {
    field: 'refundAmount',
    body: (fixture, currency, amount) => ({
      path: '/v1/payments/sandbox/refund',
      body: { paymentId: fixture.paid[currency]!, refundAmount: amount } as Json,
    }),
  },
}
