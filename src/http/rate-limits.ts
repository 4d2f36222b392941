/** @module Rate-limit answers: the 429 error and the `RateLimit-*` headers (IETF draft fields). */
import type { Context } from 'hono'
import type { RateDecision, RateRule } from '../durable-objects/rate-limit'
import type { AppEnv, Config } from '../env'
import { ApiError } from '../errors'
import { servicesOf } from '../services'
import type { TenantAction } from './middleware/tenant-guard'

export const rateLimitHeaders = (decision: RateDecision): Record<string, string> => ({
  'RateLimit-Limit': String(decision.limit),
  'RateLimit-Remaining': String(decision.remaining),
  'RateLimit-Reset': String(decision.resetSeconds),
})

export const rateLimited = (decision: RateDecision, message = 'Too many requests; slow down.') =>
  new ApiError('rate_limited', message, undefined, {
    ...rateLimitHeaders(decision),
    'Retry-After': String(decision.retryAfterSeconds),
  })

/** The client's address as Cloudflare's edge reports it (clients cannot set this header there). */
export const clientIp = (c: Context<AppEnv>) => c.req.header('CF-Connecting-IP') ?? 'unknown'

/**
 * Refused provider notifications (unverifiable, or for no known payment) per client address and
 * minute: genuine traffic is never counted, but nobody can fill the notification log or make the
 * gateway query providers at will.
 */
export const REFUSED_NOTIFICATIONS_PER_MINUTE = 30

const unlimitedRefusals: RateDecision = {
  allowed: true,
  bucket: 'refused_notifications',
  limit: REFUSED_NOTIFICATIONS_PER_MINUTE,
  remaining: REFUSED_NOTIFICATIONS_PER_MINUTE,
  resetSeconds: 0,
  retryAfterSeconds: 0,
}

export async function admitRefusedNotification(c: Context<AppEnv>): Promise<RateDecision> {
  const { guard, now } = servicesOf(c.env)
  // The gateway's own sandbox PSP carries no client address, and its early arrivals (before the
  // payment exists) would fill a shared bucket; its retries are bounded by the queue instead.
  if (c.get('internalCaller')) return unlimitedRefusals
  const rule: RateRule = {
    bucket: 'refused_notifications',
    limitPerMinute: REFUSED_NOTIFICATIONS_PER_MINUTE,
    burst: 0,
  }
  return guard(`ip:${clientIp(c)}`).take([rule], now())
}

/** Unauthenticated auth routes: `AUTH_IP_RATE_LIMIT` attempts per minute per client IP. */
export async function admitAuthAttempt(c: Context<AppEnv>): Promise<void> {
  const { guard, config, now } = servicesOf(c.env)
  const rule: RateRule = { bucket: 'auth', limitPerMinute: config.AUTH_IP_RATE_LIMIT, burst: 0 }
  const decision = await guard(`ip:${clientIp(c)}`).take([rule], now())
  if (!decision.allowed) throw rateLimited(decision, 'Too many sign-in attempts from this address.')
}

/**
 * Failed sign-ins per client address (OWASP: throttle the source): an address with
 * `LOGIN_SOURCE_MAX_FAILURES` failures in `LOGIN_SOURCE_WINDOW_MS` is refused for that long, for
 * every username. Returns how to count this attempt's failure, should it fail.
 */
export async function admitSignInSource(
  c: Context<AppEnv>
): Promise<{ recordFailure: () => Promise<void> }> {
  const { guard, now } = servicesOf(c.env)
  const source = guard(`ip:${clientIp(c)}`)
  const admission = await source.admitLoginSource(now())
  if (!admission.allowed) {
    throw new ApiError(
      'rate_limited',
      'Too many failed sign-ins from this address; try again later.',
      undefined,
      { 'Retry-After': String(admission.retryAfterSeconds) }
    )
  }
  return { recordFailure: () => source.recordLoginSourceFailure(now()) }
}

/** What a tenant may do per minute, by action, plus the burst on top: `TENANT_*_RATE_LIMIT`. */
export function tenantRateRule(config: Config, action: TenantAction): RateRule {
  const limits = {
    global: config.TENANT_GLOBAL_RATE_LIMIT,
    payment: config.TENANT_PAYMENT_RATE_LIMIT,
    refund: config.TENANT_REFUND_RATE_LIMIT,
    status: config.TENANT_STATUS_RATE_LIMIT,
  }
  return { bucket: action, limitPerMinute: limits[action], burst: config.TENANT_RATE_LIMIT_BURST }
}

/**
 * A status query an unsigned provider notification asks for, against the tenant's status limit:
 * anyone can send such a notification, so it must cost no more than the tenant's own status reads.
 */
export async function admitTenantStatusQuery(
  c: Context<AppEnv>,
  tenantId: string
): Promise<RateDecision> {
  const { guard, config, now } = servicesOf(c.env)
  return guard(`tenant:${tenantId}`).take([tenantRateRule(config, 'status')], now())
}
