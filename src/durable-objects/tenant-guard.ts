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

/** Failures in a row an account takes before each further attempt must wait. */
export const LOGIN_FREE_FAILURES = 5
/** The first wait; each further failure doubles it, up to `LOGIN_MAX_DELAY_MS`. */
export const LOGIN_BASE_DELAY_MS = 10_000
export const LOGIN_MAX_DELAY_MS = 15 * 60 * 1000
/** Failed sign-ins one client address may make within the window before it is refused. */
export const LOGIN_SOURCE_MAX_FAILURES = 10
/** The window those failures are counted in, and how long the address is then refused. */
export const LOGIN_SOURCE_WINDOW_MS = 15 * 60 * 1000
/**
 * How long a failure is remembered: an address that failed for an account waits out the account's
 * delay for this long, and an account quiet for this long starts its count afresh.
 */
const LOGIN_FAILED_ADDRESS_MEMORY_MS = 24 * 60 * 60 * 1000
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
  | { kind: 'suspended' }

export type LoginAdmission = { allowed: true } | { allowed: false; retryAfterSeconds: number }

/** How long an account waits after its `failures`-th failure in a row: 0, then doubling, capped. */
export function loginDelayMs(failures: number): number {
  if (failures < LOGIN_FREE_FAILURES) return 0
  const doublings = Math.min(failures - LOGIN_FREE_FAILURES, 32)
  return Math.min(LOGIN_BASE_DELAY_MS * 2 ** doublings, LOGIN_MAX_DELAY_MS)
}

const refusedUntil = (until: number, now: number): LoginAdmission =>
  until > now
    ? { allowed: false, retryAfterSeconds: Math.ceil((until - now) / 1000) }
    : { allowed: true }

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
    attempt?: RiskAttempt,
    subject?: string
  ): Admission {
    if (this.isSuspended(subject)) return { kind: 'suspended' }
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

  /**
   * Suspensions of the tenant (`tenant`) or of one of its users (by id), checked by every admit:
   * they take effect on the next request, with no extra round trip.
   */
  private suspensionsReady = false
  private get suspensions(): SqlStorage {
    if (!this.suspensionsReady) {
      this.sql.exec(
        'CREATE TABLE IF NOT EXISTS suspensions (subject TEXT PRIMARY KEY, since INTEGER NOT NULL)'
      )
      this.suspensionsReady = true
    }
    return this.sql
  }

  isSuspended(subject?: string): boolean {
    const subjects = subject ? ['tenant', subject] : ['tenant']
    return (
      this.suspensions
        .exec(
          `SELECT 1 FROM suspensions WHERE subject IN (${subjects.map(() => '?').join(', ')})`,
          ...subjects
        )
        .toArray().length > 0
    )
  }

  suspend(subject: string, now: number): void {
    this.suspensions.exec(
      'INSERT INTO suspensions (subject, since) VALUES (?, ?) ON CONFLICT (subject) DO NOTHING',
      subject,
      now
    )
  }

  lift(subject: string): void {
    this.suspensions.exec('DELETE FROM suspensions WHERE subject = ?', subject)
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

  /**
   * Tables of the sign-in methods, made on first use: which addresses failed for this instance's
   * account (`login:<account>` instances, named by a keyed digest of the username) and the failure log of one address (`ip:<address>`).
   */
  private loginTablesReady = false
  private get loginSql(): SqlStorage {
    if (!this.loginTablesReady) {
      this.sql.exec(`
        CREATE TABLE IF NOT EXISTS login_failed_addresses (
          name TEXT NOT NULL, ip TEXT NOT NULL, failed_at INTEGER NOT NULL, PRIMARY KEY (name, ip)
        );
        CREATE TABLE IF NOT EXISTS login_source_failures (failed_at INTEGER NOT NULL);
      `)
      this.loginTablesReady = true
    }
    return this.sql
  }

  /**
   * A sign-in attempt for `name` from `ip`. While the account's delay runs, only an address that
   * has not failed for it yet is let through, so the owner's password is still checked.
   */
  admitLogin(name: string, ip: string, now: number): LoginAdmission {
    const row = this.loginSql
      .exec<{ locked_until: number | null }>(
        'SELECT locked_until FROM login_failures WHERE name = ?',
        name
      )
      .toArray()[0]
    const admission = refusedUntil(row?.locked_until ?? 0, now)
    if (admission.allowed || !this.hasFailedFrom(name, ip, now)) return { allowed: true }
    return admission
  }

  private hasFailedFrom(name: string, ip: string, now: number): boolean {
    return (
      this.loginSql
        .exec(
          'SELECT 1 FROM login_failed_addresses WHERE name = ? AND ip = ? AND failed_at > ?',
          name,
          ip,
          now - LOGIN_FAILED_ADDRESS_MEMORY_MS
        )
        .toArray().length > 0
    )
  }

  /** Counts a failed sign-in for `name` from `ip`; returns when the next attempt may come, if later. */
  recordLoginFailure(name: string, ip: string, now: number): number | undefined {
    const row = this.loginSql
      .exec<{ failures: number }>('SELECT failures FROM login_failures WHERE name = ?', name)
      .toArray()[0]
    const inARow = this.lastFailureAt(name) > now - LOGIN_FAILED_ADDRESS_MEMORY_MS
    const failures = (inARow ? (row?.failures ?? 0) : 0) + 1
    const delay = loginDelayMs(failures)
    const lockedUntil = delay > 0 ? now + delay : null
    this.sql.exec(
      'INSERT INTO login_failures (name, failures, locked_until) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until',
      name,
      failures,
      lockedUntil
    )
    this.sql.exec(
      'DELETE FROM login_failed_addresses WHERE failed_at <= ?',
      now - LOGIN_FAILED_ADDRESS_MEMORY_MS
    )
    this.sql.exec(
      'INSERT INTO login_failed_addresses (name, ip, failed_at) VALUES (?, ?, ?) ON CONFLICT (name, ip) DO UPDATE SET failed_at = excluded.failed_at',
      name,
      ip,
      now
    )
    return lockedUntil ?? undefined
  }

  private lastFailureAt(name: string): number {
    const row = this.loginSql
      .exec<{ at: number | null }>(
        'SELECT MAX(failed_at) AS at FROM login_failed_addresses WHERE name = ?',
        name
      )
      .toArray()[0]
    return row?.at ?? Number.NEGATIVE_INFINITY
  }

  /** After a successful sign-in: the account starts afresh, from every address. */
  clearLoginFailures(name: string): void {
    this.loginSql.exec('DELETE FROM login_failures WHERE name = ?', name)
    this.sql.exec('DELETE FROM login_failed_addresses WHERE name = ?', name)
  }

  /**
   * Sign-in from this instance's address: refused for `LOGIN_SOURCE_WINDOW_MS` after its latest
   * failure once `LOGIN_SOURCE_MAX_FAILURES` failures fall within that window.
   */
  admitLoginSource(now: number): LoginAdmission {
    const recent = this.loginSql
      .exec<{ failed_at: number }>(
        'SELECT failed_at FROM login_source_failures ORDER BY failed_at DESC LIMIT ?',
        LOGIN_SOURCE_MAX_FAILURES
      )
      .toArray()
      .map((r) => r.failed_at)
    const latest = recent[0] ?? 0
    const oldest = recent[LOGIN_SOURCE_MAX_FAILURES - 1]
    if (oldest === undefined || latest - oldest >= LOGIN_SOURCE_WINDOW_MS) return { allowed: true }
    return refusedUntil(latest + LOGIN_SOURCE_WINDOW_MS, now)
  }

  recordLoginSourceFailure(now: number): void {
    this.loginSql.exec('INSERT INTO login_source_failures (failed_at) VALUES (?)', now)
    // Only the latest failures decide; older ones are kept no longer than needed.
    this.sql.exec(
      `DELETE FROM login_source_failures WHERE rowid NOT IN
         (SELECT rowid FROM login_source_failures ORDER BY failed_at DESC LIMIT ?)`,
      LOGIN_SOURCE_MAX_FAILURES
    )
  }
}
