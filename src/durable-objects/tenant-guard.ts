/**
 * @module TenantGuard: one Durable Object per tenant (and per login name or client IP for the
 * unauthenticated auth routes). It serialises what must be exact across the whole network: rate
 * buckets, failed-login counters, Idempotency-Key claims and the risk memory. Each RPC runs without interleaving, so a read-modify-write of
 * its SQLite storage is atomic.
 */
import { DurableObject } from 'cloudflare:workers'
import type { RiskRules } from '../risk/rules'
import type { RiskAttempt } from '../risk/score'
import { evaluate, type RateDecision, type RateRule } from './rate-limit'
import { RiskMemory, type ScoredAttempt, type StoredRiskRules } from './risk-memory'

export const LOGIN_MAX_FAILURES = 10
export const LOGIN_LOCK_MS = 30 * 60 * 1000
/** How long a stored answer is replayed for the same Idempotency-Key (as Stripe: 24 hours). */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000
/**
 * A claim older than this belongs to a request that died without finishing; a retry may take it
 * over, and reuses the payment id the claim reserved, so the provider sees the same reference.
 */
export const IDEMPOTENCY_IN_FLIGHT_MS = 90_000

export interface IdempotencyClaim {
  key: string
  /** SHA-256 of method, path and body: the same key with another request is refused. */
  fingerprint: string
  /** The id the request will create, reserved with the claim. */
  reservedId: string
}

export interface StoredResponse {
  status: number
  body: string
  contentType: string
}

export type Admission =
  | { kind: 'admitted'; rate: RateDecision; reservedId?: string; risk?: ScoredAttempt }
  | { kind: 'rate_limited'; rate: RateDecision }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'in_flight' }
  | { kind: 'mismatch' }

interface IdempotencyRow extends Record<string, SqlStorageValue> {
  fingerprint: string
  state: 'in_flight' | 'done'
  reserved_id: string
  status: number | null
  body: string | null
  content_type: string | null
  created_at: number
}

export class TenantGuard extends DurableObject<Env> {
  private readonly sql: SqlStorage
  private riskMemory: RiskMemory | undefined

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env)
    this.sql = ctx.storage.sql
    this.sql.exec(`
      CREATE TABLE IF NOT EXISTS rate_buckets (bucket TEXT PRIMARY KEY, tat INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS login_failures (
        name TEXT PRIMARY KEY, failures INTEGER NOT NULL, locked_until INTEGER
      );
      CREATE TABLE IF NOT EXISTS idempotency_keys (
        key TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, state TEXT NOT NULL, reserved_id TEXT NOT NULL,
        status INTEGER, body TEXT, content_type TEXT, created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS idempotency_keys_expiry ON idempotency_keys (expires_at);
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

  /** Created on first use: login-name and IP instances never score payments. */
  private get risk(): RiskMemory {
    this.riskMemory ??= new RiskMemory(this.sql)
    return this.riskMemory
  }

  /**
   * One call per tenant request: replay or refuse by Idempotency-Key, then the rate limit, then the
   * claim, which is stored before the caller goes on to the provider, and the attempt's risk score.
   */
  admit(
    rules: RateRule[],
    claim: IdempotencyClaim | undefined,
    now: number,
    attempt?: RiskAttempt
  ): Admission {
    this.sql.exec('DELETE FROM idempotency_keys WHERE expires_at < ?', now)
    let reservedId = claim?.reservedId
    if (claim) {
      const row = this.sql
        .exec<IdempotencyRow>('SELECT * FROM idempotency_keys WHERE key = ?', claim.key)
        .toArray()[0]
      if (row && row.fingerprint !== claim.fingerprint) return { kind: 'mismatch' }
      if (row?.state === 'done') {
        return {
          kind: 'replay',
          response: { status: row.status!, body: row.body!, contentType: row.content_type! },
        }
      }
      if (row && now - row.created_at < IDEMPOTENCY_IN_FLIGHT_MS) return { kind: 'in_flight' }
      if (row) reservedId = row.reserved_id
    }
    const rate = this.take(rules, now)
    if (!rate.allowed) return { kind: 'rate_limited', rate }
    if (claim && reservedId) {
      this.sql.exec(
        `INSERT INTO idempotency_keys (key, fingerprint, state, reserved_id, created_at, expires_at)
         VALUES (?, ?, 'in_flight', ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET created_at = excluded.created_at, expires_at = excluded.expires_at`,
        claim.key,
        claim.fingerprint,
        reservedId,
        now,
        now + IDEMPOTENCY_TTL_MS
      )
    }
    const risk =
      attempt && this.risk.assess({ ...attempt, paymentId: reservedId ?? attempt.paymentId }, now)
    return { kind: 'admitted', rate, reservedId, risk }
  }

  riskRules(): StoredRiskRules {
    return this.risk.rules()
  }

  putRiskRules(
    rules: RiskRules,
    expectedVersion: number | undefined,
    by: string,
    now: number
  ): StoredRiskRules | { conflict: number } {
    return this.risk.putRules(rules, expectedVersion, by, now)
  }

  recordRiskFailure(paymentId: string): void {
    this.risk.recordFailure(paymentId)
  }

  /** Stores the first answer for replay. */
  completeIdempotency(key: string, response: StoredResponse, now: number): void {
    this.sql.exec(
      `UPDATE idempotency_keys SET state = 'done', status = ?, body = ?, content_type = ?, expires_at = ?
       WHERE key = ? AND state = 'in_flight'`,
      response.status,
      response.body,
      response.contentType,
      now + IDEMPOTENCY_TTL_MS,
      key
    )
  }

  /** Forgets a claim whose request changed nothing (it failed validation), so a retry runs anew. */
  releaseIdempotency(key: string): void {
    this.sql.exec("DELETE FROM idempotency_keys WHERE key = ? AND state = 'in_flight'", key)
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
