/**
 * @module A tenant's risk rules (`PUT /v1/config/risk`): the score thresholds that force 3-D
 * Secure, hold a payment for review or block it, the velocity limits the signals count against,
 * and the block lists. Every field has a default, so `{}` is a complete rule set and a new tenant
 * is protected without configuring anything.
 */
import * as z from '../http/openapi-zod'

const score = z.number().int().min(1).max(100)
const count = (max: number) => z.number().int().min(1).max(max)
const minutes = z
  .number()
  .int()
  .min(1)
  .max(24 * 60)

const Thresholds = z
  .object({
    challenge: score.default(30).openapi({
      description: 'From this score a card payment must pass 3-D Secure (`use3D` is forced).',
    }),
    review: score.default(60).openapi({
      description:
        'From this score the payment is authorized only and held in `status: review` until approved or rejected.',
    }),
    block: score.default(80).openapi({
      description:
        'From this score the payment is refused (422 `risk_blocked`) before any provider call.',
    }),
  })
  .refine((t) => t.challenge <= t.review && t.review <= t.block, {
    message: 'must satisfy challenge ≤ review ≤ block',
  })

const Velocity = z.object({
  failureWindowMinutes: minutes.default(60).openapi({
    description: 'The sliding window in which failed attempts and distinct cards are counted.',
  }),
  maxCardFailures: count(100).default(3).openapi({
    description: 'Failed attempts with one card (by fingerprint) before it scores `card_failures`.',
  }),
  maxEmailFailures: count(100).default(5),
  maxIpFailures: count(100).default(5),
  maxCardsPerIp: count(100).default(3).openapi({
    description: 'Distinct cards from one shopper IP address in the window before `ip_cards`.',
  }),
  maxCardsPerEmail: count(100).default(3),
  burstWindowMinutes: minutes.default(10).openapi({
    description: 'The short window in which rapid attempts and small amounts are counted.',
  }),
  maxAttemptsPerIp: count(1000).default(10),
  maxAttemptsPerEmail: count(1000).default(10),
  maxSmallAmounts: count(1000).default(5).openapi({
    description:
      'Attempts with a small amount from one IP address, email or card in the burst window before `small_amounts`.',
  }),
})

const Amounts = z.object({
  outlierFactor: z.number().min(2).max(1000).default(10).openapi({
    description:
      "An amount this many times the tenant's usual (geometric mean) for the currency scores `amount_outlier`.",
  }),
  smallFactor: z.number().min(0.001).max(0.5).default(0.05).openapi({
    description: "An amount at most this fraction of the tenant's usual for the currency is small.",
  }),
  minHistory: count(10_000).default(20).openapi({
    description: 'Payments in a currency before its usual amount is trusted.',
  }),
})

const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .regex(/^[^\s@]*@[^\s@]+$/, {
    message: 'must be an email address, or @domain for a whole domain',
  })
const ip = z.union([z.ipv4(), z.ipv6()])
const fingerprint = z
  .string()
  .regex(/^fp_[0-9a-f]{32}$/, { message: 'must be a card fingerprint (fp_…)' })
/** At most the first six digits, which PCI DSS lets the gateway keep. */
const binPrefix = z.string().regex(/^\d{4,6}$/, { message: 'must be 4 to 6 leading card digits' })

const BlockLists = z.object({
  cardFingerprints: z.array(fingerprint).max(10_000).default([]).openapi({
    description:
      'Cards by the `cardFingerprint` a payment shows (a keyed HMAC of the number, per tenant).',
  }),
  emails: z
    .array(email)
    .max(10_000)
    .default([])
    .openapi({
      example: ['fraud@example.com', '@mailinator.com'],
    }),
  ips: z
    .array(ip)
    .max(10_000)
    .default([])
    .openapi({ example: ['203.0.113.7'] }),
  binPrefixes: z
    .array(binPrefix)
    .max(1_000)
    .default([])
    .openapi({ example: ['411111'] }),
})

export const RiskRules = z
  .object({
    enabled: z.boolean().default(true).openapi({
      description: 'False scores and records every payment but never acts on the score.',
    }),
    thresholds: Thresholds.default({ challenge: 30, review: 60, block: 80 }),
    velocity: Velocity.default(() => Velocity.parse({})),
    amounts: Amounts.default(() => Amounts.parse({})),
    blockLists: BlockLists.default(() => BlockLists.parse({})),
  })
  .openapi('RiskRules')

export type RiskRules = z.infer<typeof RiskRules>
