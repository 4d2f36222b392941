/**
 * @module TenantGuard: one Durable Object per tenant (and per login name or client IP for the
 * unauthenticated auth routes). It serialises what must be exact across the whole network: rate
 * buckets and failed-login counters. Each RPC runs without interleaving, so a read-modify-write of
 * its SQLite storage is atomic.
 */
import { DurableObject } from 'cloudflare:workers'
import { evaluate, type RateDecision, type RateRule } from './rate-limit'

export const LOGIN_MAX_FAILURES = 10
export const LOGIN_LOCK_MS = 30 * 60 * 1000

export class TenantGuard extends DurableObject<Env> {
  private readonly sql: SqlStorage

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env)
    this.sql = ctx.storage.sql
    this.sql.exec(`
      CREATE TABLE IF NOT EXISTS rate_buckets (bucket TEXT PRIMARY KEY, tat INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS login_failures (
        name TEXT PRIMARY KEY, failures INTEGER NOT NULL, locked_until INTEGER
      );
    `)
  }

  ping(): 'ok' {
    return 'ok'
  }

  /** Admits the request only if every rule has room, and then charges all of them. */
  take(rules: RateRule[], now: number): RateDecision {
    const evaluations = rules.map((rule) => {
      const row = this.sql
        .exec<{ tat: number }>('SELECT tat FROM rate_buckets WHERE bucket = ?', rule.bucket)
        .toArray()[0]
      return evaluate(rule, row?.tat, now)
    })
    const rejected = evaluations.find((e) => !e.decision.allowed)
    if (rejected) return rejected.decision
    for (const { decision, newTat } of evaluations) {
      this.sql.exec(
        'INSERT INTO rate_buckets (bucket, tat) VALUES (?, ?) ON CONFLICT (bucket) DO UPDATE SET tat = excluded.tat',
        decision.bucket,
        newTat
      )
    }
    const tightest = evaluations.reduce((a, b) =>
      b.decision.remaining < a.decision.remaining ? b : a
    )
    return tightest.decision
  }

  /** A sign-in attempt for `name`: refused while the name is locked, else rate-limited. */
  admitLogin(name: string, rule: RateRule, now: number): RateDecision & { lockedUntil?: number } {
    const row = this.sql
      .exec<{ locked_until: number | null }>(
        'SELECT locked_until FROM login_failures WHERE name = ?',
        name
      )
      .toArray()[0]
    if (row?.locked_until && row.locked_until > now) {
      const retryAfterSeconds = Math.ceil((row.locked_until - now) / 1000)
      const locked = {
        allowed: false,
        bucket: rule.bucket,
        limit: rule.limitPerMinute,
        remaining: 0,
      }
      return {
        ...locked,
        resetSeconds: retryAfterSeconds,
        retryAfterSeconds,
        lockedUntil: row.locked_until,
      }
    }
    return this.take([rule], now)
  }

  /** Counts a failed sign-in; the tenth in a row locks the name for 30 minutes (PCI DSS 8.3.4). */
  recordLoginFailure(name: string, now: number): number | undefined {
    const row = this.sql
      .exec<{ failures: number; locked_until: number | null }>(
        'SELECT failures, locked_until FROM login_failures WHERE name = ?',
        name
      )
      .toArray()[0]
    const lockExpired = row?.locked_until != null && row.locked_until <= now
    const failures = (lockExpired ? 0 : (row?.failures ?? 0)) + 1
    const lockedUntil = failures >= LOGIN_MAX_FAILURES ? now + LOGIN_LOCK_MS : null
    this.sql.exec(
      'INSERT INTO login_failures (name, failures, locked_until) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until',
      name,
      lockedUntil ? 0 : failures,
      lockedUntil
    )
    return lockedUntil ?? undefined
  }

  clearLoginFailures(name: string): void {
    this.sql.exec('DELETE FROM login_failures WHERE name = ?', name)
  }
}
