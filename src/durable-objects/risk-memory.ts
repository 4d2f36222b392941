/**
 * @module The risk half of a tenant's Durable Object: its current rules (versioned; every version
 * kept) and its recent payment attempts, from which each new attempt's history is counted. Nothing
 * here is read from D1, so scoring costs the create path no extra round trip. Attempts are kept
 * for a day, the longest window a rule can have; card numbers are only ever fingerprints.
 */
import { DEFAULT_RISK_RULES, withDefaultRiskRules } from '../risk/default-rules'
import type { RiskRules } from '../risk/rules'
import {
  isSmallAmount,
  type KeyHistory,
  type RiskAssessment,
  type RiskAttempt,
  type RiskHistory,
  scoreAttempt,
} from '../risk/score'

const RETENTION_MS = 24 * 60 * 60 * 1000

export interface StoredRiskRules {
  /** 0 until the tenant first stores rules: the defaults apply. */
  version: number
  rules: RiskRules
  updatedAt: number | null
  updatedBy: string | null
}

export type ScoredAttempt = RiskAssessment & { rulesVersion: number; cardFingerprint?: string }

type KeyColumn = 'card' | 'email' | 'ip'

export class RiskMemory {
  private current: StoredRiskRules | undefined

  constructor(private readonly sql: SqlStorage) {
    sql.exec(`
      CREATE TABLE IF NOT EXISTS risk_rules (
        version INTEGER PRIMARY KEY, rules TEXT NOT NULL, updated_at INTEGER NOT NULL, updated_by TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS risk_attempts (
        payment_id TEXT PRIMARY KEY, environment TEXT NOT NULL, at INTEGER NOT NULL,
        card TEXT, email TEXT, ip TEXT, small INTEGER NOT NULL, failed INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS risk_attempts_at ON risk_attempts (at);
      CREATE INDEX IF NOT EXISTS risk_attempts_card ON risk_attempts (environment, card, at);
      CREATE INDEX IF NOT EXISTS risk_attempts_email ON risk_attempts (environment, email, at);
      CREATE INDEX IF NOT EXISTS risk_attempts_ip ON risk_attempts (environment, ip, at);
      CREATE TABLE IF NOT EXISTS risk_amounts (
        environment TEXT NOT NULL, currency TEXT NOT NULL, count INTEGER NOT NULL, log_sum REAL NOT NULL,
        PRIMARY KEY (environment, currency)
      );
    `)
  }

  rules(): StoredRiskRules {
    if (!this.current) {
      const row = this.sql
        .exec<{ version: number; rules: string; updated_at: number; updated_by: string }>(
          'SELECT * FROM risk_rules ORDER BY version DESC LIMIT 1'
        )
        .toArray()[0]
      this.current = row
        ? {
            version: row.version,
            // Parsed again so defaults added since the version was stored fill in.
            rules: withDefaultRiskRules(JSON.parse(row.rules)),
            updatedAt: row.updated_at,
            updatedBy: row.updated_by,
          }
        : { version: 0, rules: DEFAULT_RISK_RULES, updatedAt: null, updatedBy: null }
    }
    return this.current
  }

  /** Stores a new version, unless the caller edited an older one than the current. */
  putRules(
    rules: RiskRules,
    expectedVersion: number | undefined,
    by: string,
    now: number
  ): StoredRiskRules | { conflict: number } {
    const { version } = this.rules()
    if (expectedVersion !== undefined && expectedVersion !== version) return { conflict: version }
    const next = { version: version + 1, rules, updatedAt: now, updatedBy: by }
    this.sql.exec(
      'INSERT INTO risk_rules (version, rules, updated_at, updated_by) VALUES (?, ?, ?, ?)',
      next.version,
      JSON.stringify(rules),
      now,
      by
    )
    this.current = next
    return next
  }

  /** Scores the attempt against what came before it, then remembers it. */
  assess(attempt: RiskAttempt, now: number): ScoredAttempt {
    const { rules, version } = this.rules()
    this.sql.exec('DELETE FROM risk_attempts WHERE at < ?', now - RETENTION_MS)
    const history: RiskHistory = { usualAmountMinor: this.usualAmount(attempt, rules) }
    for (const column of ['card', 'email', 'ip'] as const) {
      if (attempt[column]) history[column] = this.historyOf(column, attempt, rules, now)
    }
    const assessment = scoreAttempt(rules, attempt, history)
    const blocked = assessment.decision === 'block'
    this.sql.exec(
      `INSERT INTO risk_attempts (payment_id, environment, at, card, email, ip, small, failed)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (payment_id) DO NOTHING`,
      attempt.paymentId,
      attempt.environment,
      now,
      attempt.card ?? null,
      attempt.email ?? null,
      attempt.ip ?? null,
      isSmallAmount(rules, attempt.amountMinor, history.usualAmountMinor) ? 1 : 0,
      // A blocked attempt counts as a failure, so a blocked card tester stays blocked.
      blocked ? 1 : 0
    )
    if (!blocked && attempt.amountMinor && attempt.currency) {
      this.sql.exec(
        `INSERT INTO risk_amounts (environment, currency, count, log_sum) VALUES (?, ?, 1, ?)
         ON CONFLICT (environment, currency) DO UPDATE SET count = count + 1, log_sum = log_sum + excluded.log_sum`,
        attempt.environment,
        attempt.currency,
        Math.log(attempt.amountMinor)
      )
    }
    return { ...assessment, rulesVersion: version, cardFingerprint: attempt.card }
  }

  /** The provider declined the attempt (or the shopper failed 3-D Secure). */
  recordFailure(paymentId: string): void {
    this.sql.exec('UPDATE risk_attempts SET failed = 1 WHERE payment_id = ?', paymentId)
  }

  /** The geometric mean of the tenant's earlier amounts in the currency, once there are enough. */
  private usualAmount(attempt: RiskAttempt, rules: RiskRules): number | undefined {
    if (!attempt.currency) return undefined
    const row = this.sql
      .exec<{ count: number; log_sum: number }>(
        'SELECT count, log_sum FROM risk_amounts WHERE environment = ? AND currency = ?',
        attempt.environment,
        attempt.currency
      )
      .toArray()[0]
    if (!row || row.count < rules.amounts.minHistory) return undefined
    return Math.round(Math.exp(row.log_sum / row.count))
  }

  private historyOf(
    column: KeyColumn,
    attempt: RiskAttempt,
    rules: RiskRules,
    now: number
  ): KeyHistory {
    const failureStart = now - rules.velocity.failureWindowMinutes * 60_000
    const burstStart = now - rules.velocity.burstWindowMinutes * 60_000
    // `column` is one of three fixed names, never input.
    const row = this.sql
      .exec<{ failures: number; attempts: number; cards: number; seen: number; small: number }>(
        `SELECT
           COALESCE(SUM(failed = 1 AND at > ?1), 0) AS failures,
           COALESCE(SUM(at > ?2), 0) AS attempts,
           COUNT(DISTINCT CASE WHEN at > ?1 THEN card END) AS cards,
           COALESCE(SUM(at > ?1 AND card = ?3), 0) AS seen,
           COALESCE(SUM(small = 1 AND at > ?2), 0) AS small
         FROM risk_attempts
         WHERE environment = ?4 AND ${column} = ?5 AND at > ?6 AND payment_id <> ?7`,
        failureStart,
        burstStart,
        attempt.card ?? null,
        attempt.environment,
        attempt[column]!,
        Math.min(failureStart, burstStart),
        attempt.paymentId
      )
      .one()
    return {
      failures: row.failures,
      attempts: row.attempts,
      cards: row.cards + (attempt.card && row.seen === 0 ? 1 : 0),
      smallAmounts: row.small,
    }
  }
}
