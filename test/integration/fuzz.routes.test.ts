/**
 * Property-based fuzzing of every mutating route: random and malformed bodies (wrong types, huge and
 * deeply nested values, invalid UTF-8, wrong content types, amounts with too many decimals for JPY,
 * TRY and KWD), query strings, headers and path parameters. Whatever arrives, the gateway never
 * answers 5xx, every refusal is `{ success: false, error: { code, message, requestId, docUrl } }`
 * with a code from ERROR_CODES, and a refused request leaves the tenant's rows in D1 unchanged.
 */
import { env } from 'cloudflare:workers'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import '../../src/app'
import { newId } from '../../src/domain/ids'
import { ROUTE_ACCESS, type RouteAccess } from '../../src/http/access'
import {
  expectWellFormedAnswer,
  type RawResponse,
  rowCounts,
  sendRaw,
  type TenantSnapshot,
  tenantSnapshot,
} from '../helpers/fuzz'
import { call } from '../helpers/http'
import { card, createPayingTenant, paymentBody } from '../helpers/payments'
import { createApiKey, createTestTenant, type TestTenant } from '../helpers/tenant'

/**
 * Inputs per route. One input (a request plus up to two D1 snapshots) costs about 6 ms, so the
 * 5,000 per route of a deep run (`npm run test:fuzz`, about 29 routes) take about 15 minutes on a
 * 2-CPU machine; `npm test` runs 250 per route, in under a minute.
 */
const RUNS_PER_ROUTE = Number(env.FUZZ_RUNS_PER_ROUTE)
const SEED = 20_260_607

/** Routes that take a provider's or a shopper's body, not a merchant's: fuzzed by their own suites. */
const PROVIDER_FACING = new Set([
  'POST /v1/callback/:provider',
  'POST /v1/webhooks/:provider',
  'POST /sandbox/3ds/:id',
  'POST /sandbox/api/*',
])

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

const routeKey = (route: Pick<RouteAccess, 'method' | 'path'>) => `${route.method} ${route.path}`

const fuzzedRoutes = () =>
  ROUTE_ACCESS.filter((r) => MUTATING.has(r.method) && !PROVIDER_FACING.has(routeKey(r)))

// ---------------------------------------------------------------------------------------------
// Arbitraries

const printableAscii = fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c))
/** Header values are byte strings: Latin-1 without control characters, or Request itself throws. */
const headerByte = printableAscii
const headerValue = fc.oneof(
  fc.string({ unit: headerByte, maxLength: 40 }),
  fc.string({ unit: printableAscii, minLength: 256, maxLength: 2000 })
)

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'application/json; charset=utf-16',
  'application/problem+json',
  'text/plain',
  'text/plain;charset=UTF-8',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/xml',
  'application/octet-stream',
  '',
  ';;;',
  'json',
]

const EXTRA_HEADER_NAMES = [
  'Accept',
  'Accept-Encoding',
  'Content-Encoding',
  'Content-Language',
  'Cookie',
  'Origin',
  'Referer',
  'X-Forwarded-For',
  'X-Request-Id',
  'CF-Connecting-IP',
  'CF-IPCountry',
  'X-Api-Key',
  'If-Match',
]

const headerName = fc.oneof(
  fc.constantFrom(...EXTRA_HEADER_NAMES),
  fc.stringMatching(/^X-[A-Za-z0-9-]{1,20}$/)
)

/** Content type (or none), Idempotency-Key (valid, invalid or none) and a few other headers. */
const headersArb = fc.record({
  contentType: fc.option(fc.oneof(fc.constantFrom(...CONTENT_TYPES), headerValue), {
    freq: 3,
    nil: undefined,
  }),
  idempotencyKey: fc.option(
    fc.oneof(fc.string({ unit: printableAscii, minLength: 1, maxLength: 300 }), headerValue),
    { freq: 3, nil: undefined }
  ),
  extra: fc.dictionary(headerName, headerValue, { maxKeys: 3 }),
})

const ODD_QUERY_TEXT = ['%', '%zz', '%FF', '%C3%28', '%E0%A4%A', '%00', '&&==', 'a[b]=1', '?', ';']

const queryArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant('') },
  fc
    .array(fc.tuple(fc.string({ maxLength: 20 }), fc.string({ maxLength: 40 })), { maxLength: 5 })
    .map((pairs) => `?${new URLSearchParams(pairs)}`),
  fc
    .array(fc.oneof(fc.constantFrom(...ODD_QUERY_TEXT), fc.string({ unit: printableAscii })), {
      maxLength: 6,
    })
    .map((parts) => `?${parts.join('').replace(/#/g, '%23')}`),
  fc.constant(`?x=${'y'.repeat(10_000)}`)
)

const ODD_SEGMENTS = ['%', '%zz', '%FF', '%C3%28', '%E0%A4%A', '%2F', '%00', '..', '.', ' ', '%20']

/** A path segment that is not a valid id of this tenant: random text, odd escapes, foreign ids. */
const randomSegment = fc.oneof(
  fc.string({ maxLength: 80 }).map(encodeURIComponent),
  fc.constantFrom(...ODD_SEGMENTS),
  fc
    .constantFrom('payment', 'apiKey', 'webhookEndpoint', 'webhookMessage', 'refund')
    .map((kind) => newId(kind as Parameters<typeof newId>[0])),
  fc.constant('a'.repeat(3000))
)

const oddNumbers = fc.constantFrom(
  1e308,
  -1e308,
  5e-324,
  -1,
  0,
  Number.MAX_SAFE_INTEGER + 2,
  0.1 + 0.2,
  123456789012345.67
)

/** A value of some other type than the field wants, or an extreme one of the same type. */
const wrongValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  oddNumbers,
  fc.string({ maxLength: 50 }),
  fc.constant('x'.repeat(70_000)),
  fc.constant(Array.from({ length: 2000 }, (_, i) => i)),
  fc.constant(null),
  fc.constant({}),
  fc.constant([]),
  // Amounts that parse: smaller or larger than what the payment has, as number or text.
  fc.integer({ min: 1, max: 10_000_000 }).map((cents) => cents / 100),
  fc.integer({ min: 1, max: 10_000_000 }).map((cents) => (cents / 100).toFixed(2))
)

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

/** Every path to a value inside a body, to pick one to break. */
function pathsOf(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [prefix]
  const entries = Array.isArray(value)
    ? value.map((item, i) => [i, item] as const)
    : Object.entries(value)
  return [prefix, ...entries.flatMap(([key, item]) => pathsOf(item, [...prefix, key]))]
}

function replacedAt(body: Json, path: (string | number)[], value: Json | undefined): Json {
  if (path.length === 0) return value ?? null
  const copy = structuredClone(body) as Record<string | number, Json>
  let node = copy
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>
  const last = path.at(-1)!
  if (value === undefined) delete node[last]
  else node[last] = value
  return copy
}

/** Bytes that are never valid UTF-8: stray continuation, overlong, surrogate, truncated, 0xFF. */
const INVALID_UTF8 = [
  [0xff],
  [0xfe, 0xff],
  [0x80],
  [0xc3, 0x28],
  [0xc0, 0xaf],
  [0xe0, 0x80, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xf0, 0x90, 0x28, 0xbc],
  [0xf4, 0x90, 0x80, 0x80],
  [0xe2, 0x82],
]

const NUMBER_TOKENS = [
  '1e400',
  '-1e400',
  '1e-400',
  '100.000000000000000000001',
  '00012',
  '-0',
  '1E2',
  '123456789012345678901234567890',
  '0x10',
  'NaN',
  'Infinity',
  '.5',
  '5.',
]

/** The body's bytes, from malformed JSON to one of the templates with one field broken. */
function bodyArb(templates: Json[]) {
  return fc.constantFrom(...templates).chain(bodyFrom)
}

function bodyFrom(template: Json) {
  const templateText = JSON.stringify(template)
  const paths = pathsOf(template)
  const broken = fc
    .tuple(fc.constantFrom(...paths), fc.option(wrongValue, { nil: undefined }))
    .map(([path, value]) => JSON.stringify(replacedAt(template, path, value as Json)))
  const withExtraKeys = fc
    .dictionary(fc.string({ maxLength: 20 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 })
    .map((extra) =>
      JSON.stringify(
        typeof template === 'object' && template && !Array.isArray(template)
          ? { ...extra, ...template }
          : extra
      )
    )
  const rawNumber = fc
    .tuple(fc.constantFrom(...paths), fc.constantFrom(...NUMBER_TOKENS))
    .map(([path, token]) =>
      JSON.stringify(replacedAt(template, path, '__NUMBER__')).replace('"__NUMBER__"', token)
    )
  const deepNesting = fc
    .tuple(fc.integer({ min: 50, max: 30_000 }), fc.boolean())
    .map(([depth, objects]) =>
      objects
        ? `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`
        : `${'['.repeat(depth)}${']'.repeat(depth)}`
    )
  const huge = fc
    .integer({ min: 60_000, max: 200_000 })
    .map((size) => JSON.stringify({ ...(template as object), padding: 'x'.repeat(size) }))
  const invalidUtf8 = fc
    .tuple(fc.nat(), fc.constantFrom(...INVALID_UTF8), fc.boolean())
    .map(([at, bytes, insideString]) => {
      const text = insideString
        ? JSON.stringify(replacedAt(template, paths.at(-1)!, '__BYTES__'))
        : templateText
      const encoded = new TextEncoder().encode(text)
      const marker = insideString ? text.indexOf('__BYTES__') : at % (encoded.length + 1)
      const cut = insideString ? new TextEncoder().encode(text.slice(0, marker)).length : marker
      const tail = insideString ? cut + '__BYTES__'.length : cut
      const out = new Uint8Array(cut + bytes.length + encoded.length - tail)
      out.set(encoded.subarray(0, cut))
      out.set(bytes, cut)
      out.set(encoded.subarray(tail), cut + bytes.length)
      return out
    })
  const notJson = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.nat().map((n) => templateText.slice(0, n % Math.max(templateText.length, 1))),
    fc.constantFrom('', ' ', 'null', 'undefined', '{', '}', '[]', '""', '\u0000', 'a=1&b=2')
  )
  return fc.oneof(
    { weight: 4, arbitrary: broken },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: withExtraKeys },
    { weight: 1, arbitrary: rawNumber },
    { weight: 1, arbitrary: deepNesting },
    { weight: 1, arbitrary: huge },
    { weight: 2, arbitrary: invalidUtf8 },
    { weight: 2, arbitrary: notJson },
    { weight: 1, arbitrary: fc.constant(undefined) }
  )
}

/** Zero to six decimals more than the currency has (JPY 0, TRY 2, KWD 3); the last one not 0. */
function tooManyDecimals(exponent: number) {
  return fc
    .tuple(
      fc.integer({ min: 0, max: 99_999 }),
      fc.integer({ min: exponent + 1, max: exponent + 6 }),
      fc.nat(),
      fc.boolean()
    )
    .map(([whole, places, fractionSeed, asString]) => {
      const fraction = `${String(fractionSeed).padStart(places, '0').slice(-places, -1)}${
        (fractionSeed % 9) + 1
      }`.padStart(places, '0')
      const text = `${whole}.${fraction}`
      // A JSON number keeps its digits only within double precision; otherwise send the text.
      return asString || text.replace('.', '').replace(/^0+/, '').length > 15 ? text : Number(text)
    })
}

const DECIMAL_CURRENCIES = [
  { currency: 'JPY', exponent: 0 },
  { currency: 'TRY', exponent: 2 },
  { currency: 'KWD', exponent: 3 },
] as const

// ---------------------------------------------------------------------------------------------
// The tenant each route is fuzzed against, with real objects for its path parameters

interface Fixture {
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

async function fixtureFor(route: RouteAccess): Promise<Fixture> {
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
// The properties

interface MediaType {
  example?: Json
  examples?: Record<string, { value?: Json }>
}

let openApi: {
  paths: Record<string, Record<string, { requestBody?: { content?: Record<string, MediaType> } }>>
}

/** The route's documented example body: the starting point for broken variants. */
function exampleBodyOf(route: RouteAccess): Json | undefined {
  const openApiPath = route.path.replace(/:(\w+)/g, '{$1}')
  const operation = openApi.paths[openApiPath]?.[route.method.toLowerCase()]
  const media = operation?.requestBody?.content?.['application/json']
  if (!media) return undefined
  if (media.example !== undefined) return media.example
  return Object.values(media.examples ?? {})[0]?.value
}

/** A 402 is a recorded decline, not a refusal: a payment was made and said no. */
const isRefusal = (res: RawResponse) => res.status >= 400 && res.status !== 402

interface Sent {
  method: string
  target: string
  headers: Record<string, string>
  body: string | Uint8Array | undefined
}

const describeSent = (sent: Sent) => {
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
async function checkOne(fixture: Fixture, sent: Sent) {
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

function templatesFor(route: RouteAccess, fixture: Fixture): Json[] {
  const example = exampleBodyOf(route) ?? {}
  const templates = withTenantIds(example, fixture.ids)
  if (routeKey(route) === 'POST /v1/payments/:provider') {
    for (const cardNumber of SANDBOX_CARDS)
      templates.push(replacedAt(example, ['cardInfo', 'cardNumber'], cardNumber))
  }
  return templates
}

function requestArb(route: RouteAccess, fixture: Fixture) {
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
    body: bodyArb(templatesFor(route, fixture)),
  })
}

function toSent(
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
const AMOUNT_FIELDS: Record<
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

/** How many inputs each route received, for the summary printed at the end. */
const inputsPerRoute = new Map<string, number>()
const count = (route: RouteAccess) =>
  inputsPerRoute.set(routeKey(route), (inputsPerRoute.get(routeKey(route)) ?? 0) + 1)

beforeAll(async () => {
  openApi = (await call<typeof openApi>('GET', '/openapi.json')).body
})

describe('fuzzing the mutating routes', () => {
  it('covers every mutating route but the provider-facing ones', () => {
    const keys = fuzzedRoutes().map(routeKey)
    expect(keys.length).toBeGreaterThanOrEqual(20)
    // Each route is documented, so its example body seeds the broken variants.
    for (const route of fuzzedRoutes()) {
      const openApiPath = route.path.replace(/:(\w+)/g, '{$1}')
      expect(
        openApi.paths[openApiPath]?.[route.method.toLowerCase()],
        routeKey(route)
      ).toBeDefined()
    }
  })

  for (const [index, route] of fuzzedRoutes().entries()) {
    it(`${routeKey(route)}: no 5xx, stable errors, no write when refused`, async () => {
      const fixture = await fixtureFor(route)
      const amounts = AMOUNT_FIELDS[routeKey(route)]
      const decimalRuns = amounts ? Math.floor(RUNS_PER_ROUTE / 5) : 0
      await fc.assert(
        fc.asyncProperty(requestArb(route, fixture), async (input) => {
          count(route)
          await checkOne(fixture, toSent(route, fixture, input))
        }),
        { numRuns: RUNS_PER_ROUTE - decimalRuns, seed: SEED + index, endOnFailure: false }
      )
      if (!amounts) return
      // Too many decimals is refused as invalid_request, whether the amount is a number or text.
      await fc.assert(
        fc.asyncProperty(
          fc
            .constantFrom(...DECIMAL_CURRENCIES)
            .chain(({ currency, exponent }) =>
              fc.tuple(fc.constant(currency), tooManyDecimals(exponent))
            ),
          async ([currency, amount]) => {
            count(route)
            const { path, body } = amounts.body(fixture, currency, amount)
            const sent: Sent = {
              method: route.method,
              target: path,
              headers: {
                'Content-Type': 'application/json',
                Authorization: `Bearer ${fixture.tenant.token}`,
              },
              body: JSON.stringify(body),
            }
            const res = await checkOne(fixture, sent)
            const error = (res.json as { error?: { code?: string; details?: unknown } }).error
            expect(res.status, describeSent(sent)).toBe(400)
            expect(error?.code).toBe('invalid_request')
            expect(JSON.stringify(error?.details)).toContain(amounts.field)
          }
        ),
        { numRuns: decimalRuns, seed: SEED + 1000 + index }
      )
    })
  }

  it('received the planned number of inputs per route', () => {
    console.log(
      `fuzz inputs per route:\n${[...inputsPerRoute].map(([k, n]) => `  ${n}\t${k}`).join('\n')}`
    )
    for (const route of fuzzedRoutes())
      expect(inputsPerRoute.get(routeKey(route)), routeKey(route)).toBeGreaterThanOrEqual(
        RUNS_PER_ROUTE
      )
  })
})
