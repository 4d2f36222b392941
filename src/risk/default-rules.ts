/**
 * @module The default risk rules as a plain object, and the filling-in of defaults for rules stored
 * by an older version: what the tenant's Durable Object needs, without the validation library, so
 * a new isolate does not load it before its first request (`src/risk/rules.ts` validates edits and
 * is tested to produce exactly these defaults).
 */
import type { RiskRules } from './rules'

export const DEFAULT_RISK_RULES: RiskRules = {
  enabled: true,
  thresholds: { challenge: 30, review: 60, block: 80 },
  velocity: {
    failureWindowMinutes: 60,
    maxCardFailures: 3,
    maxEmailFailures: 5,
    maxIpFailures: 5,
    maxCardsPerIp: 3,
    maxCardsPerEmail: 3,
    burstWindowMinutes: 10,
    maxAttemptsPerIp: 10,
    maxAttemptsPerEmail: 10,
    maxSmallAmounts: 5,
  },
  amounts: { outlierFactor: 10, smallFactor: 0.05, minHistory: 20 },
  blockLists: { cardFingerprints: [], emails: [], ips: [], binPrefixes: [] },
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function fill(defaults: unknown, stored: unknown): unknown {
  if (!isPlainObject(defaults) || !isPlainObject(stored)) return stored ?? defaults
  const filled: Record<string, unknown> = { ...stored }
  for (const [key, value] of Object.entries(defaults)) filled[key] = fill(value, stored[key])
  return filled
}

/** Rules stored before a field existed get that field's default; stored values are kept as stored. */
export const withDefaultRiskRules = (stored: unknown): RiskRules =>
  fill(DEFAULT_RISK_RULES, stored) as RiskRules
