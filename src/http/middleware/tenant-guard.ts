/**
 * @module Per-tenant rate limits and Idempotency-Key handling, in one Durable Object call before
 * the handler runs. The first answer to a key is stored for 24 hours and replayed byte for byte
 * with `Idempotent-Replayed: true`; the same key with another request is a 422; a retry while the
 * first is still running is a 409 (requests compare as canonical JSON). Answers to requests that did nothing (validation failures,
 * refusals) are not stored, so a corrected retry runs. A payment create's risk signals ride in the
 * same call, and its score comes back with the admission (`c.get('risk')`).
 */
import type { MiddlewareHandler } from 'hono'
import { environmentOfMode } from '../../auth/principal'
import { sha256Hex } from '../../crypto/hash'
import { type IdKind, newId } from '../../domain/ids'
import type { AppEnv } from '../../env'
import { ApiError } from '../../errors'
import { riskAttemptOf } from '../../risk/signals'
import { servicesOf } from '../../services'
import { canonicalJson } from '../canonical-json'
import { rateLimited, rateLimitHeaders, tenantRateRule } from '../rate-limits'

/** Which bucket a route spends besides the global one; `global` spends only that. */
export type TenantAction = 'payment' | 'refund' | 'status' | 'global'

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/
/** Answers that record something that happened, and so are replayed for the same key. */
const STORED_STATUSES = new Set([200, 201, 202, 402])

/** What a repeated key is compared by: the same JSON in another key order is the same request. */
export const requestFingerprint = (method: string, path: string, body: string) =>
  sha256Hex(`${method} ${path}\n${canonicalJson(body)}`)

export function tenantGuard(
  action: TenantAction,
  options: { reserve?: IdKind; scoreRisk?: boolean } = {}
): MiddlewareHandler<AppEnv> {
  return async function tenantGuardMiddleware(c, next) {
    const { guard, config, now } = servicesOf(c.env)
    const { tenantId, mode } = c.get('principal')
    const rules = [
      tenantRateRule(config, 'global'),
      ...(action === 'global' ? [] : [tenantRateRule(config, action)]),
    ]
    const key = options.reserve ? c.req.header('Idempotency-Key') : undefined
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
      throw new ApiError(
        'invalid_request',
        'Idempotency-Key must be 1–255 printable ASCII characters.'
      )
    }
    const fresh = options.reserve ? newId(options.reserve) : undefined
    const claim = key
      ? {
          // Test and live requests never share a key: a live retry must not replay a test answer.
          key: `${mode}:${key}`,
          fingerprint: await requestFingerprint(c.req.method, c.req.path, await c.req.text()),
          reservedId: fresh!,
        }
      : undefined
    const attempt =
      options.scoreRisk && fresh
        ? await riskAttemptOf(await c.req.text(), {
            tenantId,
            paymentId: fresh,
            defaultEnvironment: environmentOfMode(mode === 'live' ? 'live' : 'test'),
            fingerprintKey: (await servicesOf(c.env).keyring()).cardFingerprints,
          })
        : undefined
    const admission = await guard(`tenant:${tenantId}`)
      .admit(rules, claim, now(), attempt, c.get('principal').subject)
      .catch(guardUnavailable)
    switch (admission.kind) {
      case 'rate_limited':
        throw rateLimited(admission.rate)
      case 'replay':
        return new Response(admission.response.body, {
          status: admission.response.status,
          headers: {
            'Content-Type': admission.response.contentType,
            'Idempotent-Replayed': 'true',
          },
        })
      case 'in_flight':
        throw new ApiError(
          'idempotency_in_flight',
          'A request with this Idempotency-Key is still running; retry shortly.'
        )
      case 'suspended':
        throw new ApiError(
          'account_suspended',
          'This tenant or user is suspended by the gateway administrator.'
        )
      case 'mismatch':
        throw new ApiError(
          'idempotency_key_reused',
          'This Idempotency-Key was used with a different request.'
        )
    }
    if (fresh) {
      c.set('reservedId', admission.reservedId ?? fresh)
      c.set('reclaimed', admission.reservedId !== undefined && admission.reservedId !== fresh)
    }
    if (admission.risk) c.set('risk', admission.risk)
    await next()
    for (const [name, value] of Object.entries(rateLimitHeaders(admission.rate)))
      c.res.headers.set(name, value)
    if (!claim) return
    const stub = guard(`tenant:${tenantId}`)
    try {
      if (!c.error && STORED_STATUSES.has(c.res.status)) {
        const response = {
          status: c.res.status,
          body: await c.res.clone().text(),
          contentType: c.res.headers.get('Content-Type') ?? 'application/json',
        }
        await stub.completeIdempotency(claim.key, response, now())
      } else if (!c.error || isRefusal(c.error)) {
        await stub.releaseIdempotency(claim.key)
      }
      // An unexpected failure (D1 down after the provider answered) keeps the claim: a retry after
      // the in-flight window takes over the reserved id and finds what was done.
    } catch (error) {
      // The answer stands; an unstored one is replayed by the reserved id's own record.
      console.error(
        JSON.stringify({ event: 'idempotency_not_stored', key: claim.key, error: String(error) })
      )
    }
  }
}

/** An error that refused the request before anything happened, so a retry may run anew. */
const isRefusal = (error: Error) => error instanceof ApiError && error.status < 500

/** The guard must answer before anything happens; without it, nothing does. */
function guardUnavailable(error: unknown): never {
  console.error(JSON.stringify({ event: 'tenant_guard_unavailable', error: String(error) }))
  throw new ApiError(
    'temporarily_unavailable',
    'The gateway could not check rate limits and idempotency just now; nothing was done. Retry shortly.',
    undefined,
    { 'Retry-After': '1' }
  )
}
