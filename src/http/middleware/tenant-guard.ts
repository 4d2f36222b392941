/**
 * @module Per-tenant rate limits and Idempotency-Key handling, in one Durable Object call before
 * the handler runs. The first answer to a key is stored for 24 hours and replayed byte for byte
 * with `Idempotent-Replayed: true`; the same key with another request is a 422; a retry while the
 * first is still running is a 409. Answers to requests that did nothing (validation failures,
 * refusals) are not stored, so a corrected retry runs. A payment create's risk signals ride in the
 * same call, and its score comes back with the admission (`c.get('risk')`).
 */
import type { MiddlewareHandler } from 'hono'
import { environmentOfMode } from '../../auth/principal'
import { sha256Hex } from '../../crypto/hash'
import { type IdKind, newId } from '../../domain/ids'
import type { AppEnv } from '../../env'
import { riskAttemptOf } from '../../risk/signals'
import { ApiError } from '../errors'
import { rateLimited, rateLimitHeaders, tenantRateRule } from '../rate-limits'
import { servicesOf } from '../services'

export type TenantAction = 'payment' | 'refund' | 'status'

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/
/** Answers that record something that happened, and so are replayed for the same key. */
const STORED_STATUSES = new Set([200, 201, 202, 402])

export function tenantGuard(
  action: TenantAction,
  options: { reserve?: IdKind; scoreRisk?: boolean } = {}
): MiddlewareHandler<AppEnv> {
  return async function tenantGuardMiddleware(c, next) {
    const { guard, config, now } = servicesOf(c.env)
    const { tenantId, mode } = c.get('principal')
    const rules = [tenantRateRule(config, 'global'), tenantRateRule(config, action)]
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
          fingerprint: await sha256Hex(`${c.req.method} ${c.req.path}\n${await c.req.text()}`),
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
    const admission = await guard(`tenant:${tenantId}`).admit(rules, claim, now(), attempt)
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
    if (!c.error && STORED_STATUSES.has(c.res.status)) {
      const response = {
        status: c.res.status,
        body: await c.res.clone().text(),
        contentType: c.res.headers.get('Content-Type') ?? 'application/json',
      }
      await stub.completeIdempotency(claim.key, response, now())
    } else {
      await stub.releaseIdempotency(claim.key)
    }
  }
}
