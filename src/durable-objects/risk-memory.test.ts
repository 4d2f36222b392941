import { runInDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { DEFAULT_RISK_RULES } from '../risk/default-rules'
import { RiskRules } from '../risk/rules'
import type { RiskAttempt } from '../risk/score'
import type { ScoredAttempt } from './risk-memory'
import type { TenantGuard } from './tenant-guard'

const rate = [{ bucket: 'payment', limitPerMinute: 10_000, burst: 10_000 }]
const stubFor = (name: string) => env.TENANT_GUARD.get(env.TENANT_GUARD.idFromName(name))
const MINUTE = 60_000

const fingerprint = (n: number) => `fp_${n.toString(16).padStart(32, '0')}`

/** A card tester: one IP address, a new card and a new email each time, every card declined. */
const probe = (i: number): RiskAttempt => ({
  paymentId: `pay_${i}`,
  environment: 'test',
  card: fingerprint(i),
  email: `buyer${i}@example.com`,
  ip: '203.0.113.9',
  amountMinor: 100,
  currency: 'TRY',
})

function runBurst(guard: TenantGuard, count: number, start = 0): ScoredAttempt[] {
  const results: ScoredAttempt[] = []
  for (let i = 0; i < count; i++) {
    const admission = guard.admit(rate, undefined, start + i * 1_000, probe(i))
    if (admission.kind !== 'admitted' || !admission.risk) throw new Error('not scored')
    results.push(admission.risk)
    if (admission.risk.decision !== 'block') guard.recordRiskFailure(`pay_${i}`)
  }
  return results
}

describe('the risk memory of TenantGuard', () => {
  it('blocks a card-testing burst from one IP address once its limits are passed', async () => {
    await runInDurableObject(stubFor('tenant:risk-burst'), (guard: TenantGuard) => {
      const decisions = runBurst(guard, 12).map((r) => r.decision)
      // Cards 1–3 pass; the 4th card from the IP scores ip_cards (50, challenge); from the 6th on
      // the five failures add ip_failures (30) and the attempt is blocked.
      expect(decisions).toEqual([
        'allow',
        'allow',
        'allow',
        'challenge',
        'challenge',
        ...Array(7).fill('block'),
      ])
    })
  })

  it('gives the same history the same score', async () => {
    const first = await runInDurableObject(stubFor('tenant:risk-same-1'), (guard: TenantGuard) =>
      runBurst(guard, 15)
    )
    const second = await runInDurableObject(stubFor('tenant:risk-same-2'), (guard: TenantGuard) =>
      runBurst(guard, 15)
    )
    expect(second).toEqual(first)
  })

  it('forgets attempts outside the windows', async () => {
    await runInDurableObject(stubFor('tenant:risk-window'), (guard: TenantGuard) => {
      runBurst(guard, 8)
      const later = guard.admit(rate, undefined, 8_000 + 61 * MINUTE, probe(100))
      expect(later).toMatchObject({ kind: 'admitted', risk: { score: 0, decision: 'allow' } })
    })
  })

  it('keeps test and live attempts apart', async () => {
    await runInDurableObject(stubFor('tenant:risk-modes'), (guard: TenantGuard) => {
      runBurst(guard, 8)
      const live = guard.admit(rate, undefined, 9_000, { ...probe(50), environment: 'production' })
      expect(live).toMatchObject({ risk: { score: 0 } })
    })
  })

  it('learns the usual amount per currency and flags one far above it', async () => {
    await runInDurableObject(stubFor('tenant:risk-amounts'), (guard: TenantGuard) => {
      for (let i = 0; i < 20; i++) {
        guard.admit(rate, undefined, i, {
          paymentId: `pay_usual_${i}`,
          environment: 'test',
          amountMinor: 5_000,
          currency: 'EUR',
        })
      }
      const big = guard.admit(rate, undefined, 100, {
        paymentId: 'pay_big',
        environment: 'test',
        amountMinor: 50_001,
        currency: 'EUR',
      })
      expect(big).toMatchObject({ risk: { reasons: [{ code: 'amount_outlier' }] } })
      const otherCurrency = guard.admit(rate, undefined, 101, {
        paymentId: 'pay_big_try',
        environment: 'test',
        amountMinor: 50_001,
        currency: 'TRY',
      })
      expect(otherCurrency).toMatchObject({ risk: { score: 0 } })
    })
  })

  it('versions the rules and refuses an edit of an old version', async () => {
    await runInDurableObject(stubFor('tenant:risk-rules'), (guard: TenantGuard) => {
      expect(guard.riskRules()).toEqual({
        version: 0,
        rules: DEFAULT_RISK_RULES,
        updatedAt: null,
        updatedBy: null,
      })
      const strict = RiskRules.parse({ blockLists: { ips: ['203.0.113.9'] } })
      expect(guard.putRiskRules(strict, 0, 'usr_a', 10)).toMatchObject({ version: 1 })
      expect(guard.putRiskRules(DEFAULT_RISK_RULES, 0, 'usr_b', 11)).toEqual({ conflict: 1 })
      expect(guard.admit(rate, undefined, 12, probe(1))).toMatchObject({
        risk: { decision: 'block', rulesVersion: 1, reasons: [{ code: 'block_listed_ip' }] },
      })
      expect(guard.putRiskRules(DEFAULT_RISK_RULES, undefined, 'usr_b', 13)).toMatchObject({
        version: 2,
      })
      expect(guard.admit(rate, undefined, 14, probe(2))).toMatchObject({
        risk: { decision: 'allow', rulesVersion: 2 },
      })
    })
  })
})
