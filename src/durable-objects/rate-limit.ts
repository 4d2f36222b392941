/**
 * @module GCRA (generic cell rate algorithm) over one stored "theoretical arrival time" per bucket:
 * a bucket admits `limitPerMinute + burst` requests at once and then `limitPerMinute` per minute.
 * Pure functions; the TenantGuard Durable Object stores the times.
 */

export interface RateRule {
  bucket: string
  limitPerMinute: number
  burst: number
}

export interface RateDecision {
  allowed: boolean
  /** The rule that decided: the rejecting one, or the one with the least room left. */
  bucket: string
  /** Requests a full bucket admits at once: the per-minute rate plus the burst. */
  limit: number
  remaining: number
  /** Seconds until the bucket is full again. */
  resetSeconds: number
  /** Seconds until a request would be admitted; 0 when allowed. */
  retryAfterSeconds: number
}

const MINUTE_MS = 60_000

export function evaluate(rule: RateRule, storedTat: number | undefined, now: number) {
  const interval = MINUTE_MS / rule.limitPerMinute
  const capacity = rule.limitPerMinute + rule.burst
  const newTat = Math.max(storedTat ?? now, now) + interval
  const window = capacity * interval
  const allowed = newTat - now <= window
  const decision: RateDecision = {
    allowed,
    bucket: rule.bucket,
    // What a full bucket admits at once (the per-minute rate plus the burst), so that
    // `RateLimit-Remaining` never exceeds `RateLimit-Limit`.
    limit: capacity,
    remaining: allowed ? Math.floor((window - (newTat - now)) / interval) : 0,
    resetSeconds: Math.ceil(((allowed ? newTat : newTat - interval) - now) / 1000),
    retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((newTat - window - now) / 1000)),
  }
  return { decision, newTat }
}
