/**
 * @module The risk score of one payment attempt: pure arithmetic over what the tenant's Durable
 * Object counted before it, so the same history always gives the same score. Each signal adds its
 * points (capped at 100 in total); the tenant's thresholds turn the score into a decision, and a
 * block-list match blocks whatever the score.
 */
import type { RiskRules } from './rules'

export const RISK_DECISIONS = ['allow', 'challenge', 'review', 'block'] as const
export type RiskDecision = (typeof RISK_DECISIONS)[number]

/** Points per signal; documented in docs/risk.md. */
export const RISK_POINTS = {
  block_listed_card: 100,
  block_listed_email: 100,
  block_listed_ip: 100,
  block_listed_bin: 100,
  card_failures: 50,
  email_failures: 30,
  ip_failures: 30,
  ip_attempts: 40,
  email_attempts: 40,
  ip_cards: 50,
  email_cards: 50,
  small_amounts: 30,
  amount_outlier: 30,
  country_mismatch: 20,
} as const

export type RiskReasonCode = keyof typeof RISK_POINTS
export const RISK_REASON_CODES = Object.keys(RISK_POINTS) as RiskReasonCode[]

export interface RiskReason {
  code: RiskReasonCode
  points: number
  message: string
}

export interface RiskAssessment {
  score: number
  decision: RiskDecision
  reasons: RiskReason[]
}

/** What is known about the attempt before it reaches a provider (no card number, ever). */
export interface RiskAttempt {
  paymentId: string
  environment: string
  /** Keyed HMAC of the card number (`fp_…`), per tenant. */
  card?: string
  bin?: string
  binCountry?: string
  email?: string
  ip?: string
  ipCountry?: string
  amountMinor?: number
  currency?: string
}

/** Counts over the tenant's earlier attempts in the same environment (this one excluded). */
export interface KeyHistory {
  /** Failed or blocked attempts in the failure window. */
  failures: number
  /** Attempts in the burst window. */
  attempts: number
  /** Distinct cards in the failure window, this attempt's card included. */
  cards: number
  /** Attempts with a small amount in the burst window. */
  smallAmounts: number
}

export interface RiskHistory {
  card?: KeyHistory
  email?: KeyHistory
  ip?: KeyHistory
  /** The tenant's usual amount in this currency, once `minHistory` payments were seen. */
  usualAmountMinor?: number
}

/** Whether an amount is small next to the tenant's usual one (a card tester's probe). */
export const isSmallAmount = (
  rules: RiskRules,
  amountMinor: number | undefined,
  usual: number | undefined
) =>
  amountMinor !== undefined &&
  usual !== undefined &&
  amountMinor <= rules.amounts.smallFactor * usual

const blockListed = (list: readonly string[], value: string | undefined) =>
  value !== undefined && list.includes(value)

const emailBlockListed = (list: readonly string[], email: string | undefined) =>
  email !== undefined &&
  list.some((entry) => entry === email || (entry.startsWith('@') && email.endsWith(entry)))

export function scoreAttempt(
  rules: RiskRules,
  attempt: RiskAttempt,
  history: RiskHistory
): RiskAssessment {
  const reasons: RiskReason[] = []
  const add = (code: RiskReasonCode, message: string) =>
    reasons.push({ code, points: RISK_POINTS[code], message })
  const { blockLists, velocity, amounts } = rules
  const failureWindow = `${velocity.failureWindowMinutes} minutes`
  const burstWindow = `${velocity.burstWindowMinutes} minutes`

  if (blockListed(blockLists.cardFingerprints, attempt.card))
    add('block_listed_card', 'The card is on the block list.')
  if (emailBlockListed(blockLists.emails, attempt.email))
    add('block_listed_email', 'The email is on the block list.')
  if (blockListed(blockLists.ips, attempt.ip))
    add('block_listed_ip', 'The IP address is on the block list.')
  if (attempt.bin && blockLists.binPrefixes.some((prefix) => attempt.bin!.startsWith(prefix)))
    add('block_listed_bin', 'The card number starts with a blocked prefix.')

  const { card, email, ip } = history
  if (card && card.failures >= velocity.maxCardFailures)
    add('card_failures', `${card.failures} failed attempts with this card in ${failureWindow}.`)
  if (email && email.failures >= velocity.maxEmailFailures)
    add('email_failures', `${email.failures} failed attempts with this email in ${failureWindow}.`)
  if (ip && ip.failures >= velocity.maxIpFailures)
    add('ip_failures', `${ip.failures} failed attempts from this IP address in ${failureWindow}.`)
  if (ip && ip.attempts >= velocity.maxAttemptsPerIp)
    add('ip_attempts', `${ip.attempts} earlier attempts from this IP address in ${burstWindow}.`)
  if (email && email.attempts >= velocity.maxAttemptsPerEmail)
    add('email_attempts', `${email.attempts} earlier attempts with this email in ${burstWindow}.`)
  if (ip && ip.cards > velocity.maxCardsPerIp)
    add('ip_cards', `${ip.cards} different cards from this IP address in ${failureWindow}.`)
  if (email && email.cards > velocity.maxCardsPerEmail)
    add('email_cards', `${email.cards} different cards with this email in ${failureWindow}.`)

  const usual = history.usualAmountMinor
  if (isSmallAmount(rules, attempt.amountMinor, usual)) {
    const small = Math.max(card?.smallAmounts ?? 0, email?.smallAmounts ?? 0, ip?.smallAmounts ?? 0)
    if (small >= velocity.maxSmallAmounts)
      add('small_amounts', `${small} earlier small amounts from this shopper in ${burstWindow}.`)
  }
  if (
    usual !== undefined &&
    attempt.amountMinor !== undefined &&
    attempt.amountMinor > amounts.outlierFactor * usual
  )
    add(
      'amount_outlier',
      `The amount is over ${amounts.outlierFactor}× the usual ${attempt.currency} payment.`
    )
  if (attempt.binCountry && attempt.ipCountry && attempt.binCountry !== attempt.ipCountry)
    add(
      'country_mismatch',
      `The card is from ${attempt.binCountry}, the shopper's IP address from ${attempt.ipCountry}.`
    )

  const score = Math.min(
    100,
    reasons.reduce((sum, reason) => sum + reason.points, 0)
  )
  return { score, decision: decisionOf(rules, score, reasons), reasons }
}

function decisionOf(rules: RiskRules, score: number, reasons: RiskReason[]): RiskDecision {
  if (!rules.enabled) return 'allow'
  if (reasons.some((reason) => reason.code.startsWith('block_listed'))) return 'block'
  const { thresholds } = rules
  if (score >= thresholds.block) return 'block'
  if (score >= thresholds.review) return 'review'
  if (score >= thresholds.challenge) return 'challenge'
  return 'allow'
}
