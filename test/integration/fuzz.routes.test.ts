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
import type { RouteAccess } from '../../src/http/access'
import { call } from '../helpers/http'
import {
  AMOUNT_FIELDS,
  checkOne,
  describeSent,
  fixtureFor,
  fuzzedRoutes,
  type OpenApiDocument,
  requestArb,
  routeKey,
  type Sent,
  toSent,
} from '../helpers/route-fuzz'
import { tooPreciseAmount } from '../helpers/route-fuzz-inputs'

/**
 * Inputs per route. One input (a request plus up to two D1 snapshots) costs about 6 ms, so the
 * 5,000 per route of a deep run (`npm run test:fuzz`, every mutating route) take about 15 minutes
 * on a 2-CPU machine; `npm test` runs 250 per route, in under a minute.
 */
const RUNS_PER_ROUTE = Number(env.FUZZ_RUNS_PER_ROUTE)
const SEED = 20_260_607

/** How many inputs each route received, for the summary printed at the end. */
const inputsPerRoute = new Map<string, number>()
const count = (route: RouteAccess) =>
  inputsPerRoute.set(routeKey(route), (inputsPerRoute.get(routeKey(route)) ?? 0) + 1)

let openApi: OpenApiDocument

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
        fc.asyncProperty(requestArb(openApi, route, fixture), async (input) => {
          count(route)
          await checkOne(fixture, toSent(route, fixture, input))
        }),
        { numRuns: RUNS_PER_ROUTE - decimalRuns, seed: SEED + index, endOnFailure: false }
      )
      if (!amounts) return
      // Too many decimals is refused as invalid_request, whether the amount is a number or text.
      await fc.assert(
        fc.asyncProperty(tooPreciseAmount, async ([currency, amount]) => {
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
        }),
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
