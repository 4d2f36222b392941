import { describe, expect, it } from 'vitest'
import { binCountryOf } from './bins'
import { DEFAULT_RISK_RULES, withDefaultRiskRules } from './default-rules'
import { RiskRules } from './rules'
import { type KeyHistory, type RiskAttempt, scoreAttempt } from './score'

const attempt: RiskAttempt = {
  paymentId: 'pay_x',
  environment: 'test',
  card: 'fp_00000000000000000000000000000001',
  bin: '552879',
  binCountry: 'TR',
  email: 'shopper@example.com',
  ip: '198.51.100.4',
  amountMinor: 10_000,
  currency: 'TRY',
}
const quiet: KeyHistory = { failures: 0, attempts: 0, cards: 1, smallAmounts: 0 }
const rules = (input: object) => RiskRules.parse(input)

describe('scoreAttempt', () => {
  it('allows a first attempt with no history', () => {
    expect(scoreAttempt(DEFAULT_RISK_RULES, attempt, {})).toEqual({
      score: 0,
      decision: 'allow',
      reasons: [],
    })
  })

  it('scores each signal past its limit and maps the sum onto the thresholds', () => {
    const cardFailures = scoreAttempt(DEFAULT_RISK_RULES, attempt, {
      card: { ...quiet, failures: 3 },
    })
    expect(cardFailures).toMatchObject({ score: 50, decision: 'challenge' })
    expect(cardFailures.reasons.map((r) => r.code)).toEqual(['card_failures'])

    const tester = scoreAttempt(DEFAULT_RISK_RULES, attempt, {
      ip: { failures: 5, attempts: 10, cards: 4, smallAmounts: 0 },
    })
    expect(tester.reasons.map((r) => r.code)).toEqual(['ip_failures', 'ip_attempts', 'ip_cards'])
    expect(tester).toMatchObject({ score: 100, decision: 'block' })

    // One below each limit scores nothing.
    expect(
      scoreAttempt(DEFAULT_RISK_RULES, attempt, {
        card: { ...quiet, failures: 2 },
        email: { failures: 4, attempts: 9, cards: 3, smallAmounts: 0 },
        ip: { failures: 4, attempts: 9, cards: 3, smallAmounts: 0 },
      }).score
    ).toBe(0)
  })

  it('holds for review between the review and block thresholds', () => {
    const result = scoreAttempt(DEFAULT_RISK_RULES, attempt, {
      email: { failures: 5, attempts: 0, cards: 4, smallAmounts: 0 },
    })
    expect(result).toMatchObject({ score: 80, decision: 'block' })
    const custom = rules({ thresholds: { challenge: 30, review: 60, block: 90 } })
    expect(
      scoreAttempt(custom, attempt, { email: { ...quiet, failures: 5, cards: 4 } })
    ).toMatchObject({
      score: 80,
      decision: 'review',
    })
  })

  it('blocks a block-listed card, email, domain, IP or BIN prefix whatever the score', () => {
    const lists = [
      { cardFingerprints: [attempt.card] },
      { emails: ['SHOPPER@example.com'] },
      { emails: ['@example.com'] },
      { ips: ['198.51.100.4'] },
      { binPrefixes: ['5528'] },
    ]
    for (const blockLists of lists) {
      const result = scoreAttempt(rules({ blockLists }), attempt, {})
      expect(result.decision, JSON.stringify(blockLists)).toBe('block')
      expect(result.reasons[0]!.code).toMatch(/^block_listed_/)
    }
    expect(
      scoreAttempt(rules({ blockLists: { emails: ['@ample.com'] } }), attempt, {}).decision
    ).toBe('allow')
  })

  it('compares the amount with the usual one, and counts small probes', () => {
    const usual = { usualAmountMinor: 1_000 }
    expect(scoreAttempt(DEFAULT_RISK_RULES, attempt, usual).reasons).toEqual([])
    const big = scoreAttempt(DEFAULT_RISK_RULES, { ...attempt, amountMinor: 10_001 }, usual)
    expect(big.reasons.map((r) => r.code)).toEqual(['amount_outlier'])
    const probe = { ...attempt, amountMinor: 50 }
    expect(
      scoreAttempt(DEFAULT_RISK_RULES, probe, { ...usual, ip: { ...quiet, smallAmounts: 4 } }).score
    ).toBe(0)
    expect(
      scoreAttempt(DEFAULT_RISK_RULES, probe, {
        ...usual,
        ip: { ...quiet, smallAmounts: 5 },
      }).reasons.map((r) => r.code)
    ).toEqual(['small_amounts'])
  })

  it("compares the card's country with the IP address's when both are known", () => {
    const abroad = { ...attempt, ipCountry: 'DE' }
    expect(scoreAttempt(DEFAULT_RISK_RULES, abroad, {}).reasons).toEqual([
      {
        code: 'country_mismatch',
        points: 20,
        message: "The card is from TR, the shopper's IP address from DE.",
      },
    ])
    expect(scoreAttempt(DEFAULT_RISK_RULES, { ...abroad, ipCountry: 'TR' }, {}).score).toBe(0)
    expect(scoreAttempt(DEFAULT_RISK_RULES, { ...abroad, binCountry: undefined }, {}).score).toBe(0)
  })

  it('scores but never acts when the rules are disabled', () => {
    const off = rules({ enabled: false, blockLists: { ips: ['198.51.100.4'] } })
    expect(scoreAttempt(off, attempt, {})).toMatchObject({ score: 100, decision: 'allow' })
  })
})

describe('RiskRules', () => {
  it('fills every default from an empty object', () => {
    expect(DEFAULT_RISK_RULES).toMatchObject({
      enabled: true,
      thresholds: { challenge: 30, review: 60, block: 80 },
      velocity: { maxCardFailures: 3, failureWindowMinutes: 60, burstWindowMinutes: 10 },
      blockLists: { cardFingerprints: [], emails: [], ips: [], binPrefixes: [] },
    })
  })

  it('refuses thresholds out of order and malformed list entries', () => {
    expect(
      RiskRules.safeParse({ thresholds: { challenge: 70, review: 60, block: 80 } }).success
    ).toBe(false)
    for (const blockLists of [
      { ips: ['10.0.0'] },
      { emails: ['nobody'] },
      { binPrefixes: ['5528790'] },
      { cardFingerprints: ['5528790000000008'] },
    ]) {
      expect(RiskRules.safeParse({ blockLists }).success, JSON.stringify(blockLists)).toBe(false)
    }
    expect(
      RiskRules.parse({ blockLists: { emails: [' Fraud@Example.COM '] } }).blockLists.emails
    ).toEqual(['fraud@example.com'])
  })
})

describe('DEFAULT_RISK_RULES', () => {
  it('are exactly what the schema fills in, and fill stored rules the way the schema does', () => {
    expect(DEFAULT_RISK_RULES).toEqual(RiskRules.parse({}))
    const older = { enabled: false, velocity: { maxCardFailures: 7 }, blockLists: { ips: ['::1'] } }
    expect(withDefaultRiskRules(older)).toEqual(RiskRules.parse(older))
  })
})

describe('binCountryOf', () => {
  it('takes the longest listed prefix', () => {
    expect(binCountryOf('5528790000000008')).toBe('TR')
    expect(binCountryOf('4000000000000002')).toBe('US')
    expect(binCountryOf('4000002760003184')).toBe('DE')
    expect(binCountryOf('6011111111111117')).toBeUndefined()
  })
})
