/**
 * @module Stripe credentials: the account's secret (or restricted) API key and, to accept Stripe
 * webhooks, the endpoint's signing secret; both are in the Stripe Dashboard under Developers.
 * Docs: https://docs.stripe.com/keys
 */
import * as z from 'zod'
import { credential } from '../config-schema'

export const stripeConfigSchema = z.object({
  secretKey: credential(
    'Secret key (sk_test_… / sk_live_…) or restricted key (rk_…), Dashboard → Developers → API keys'
  ).regex(
    /^(sk|rk)_(test|live)_\S+$/,
    'must be a Stripe secret or restricted key (sk_test_…, sk_live_…, rk_…)'
  ),
  webhookSecret: credential(
    'Signing secret (whsec_…) of your webhook endpoint, Dashboard → Developers → Webhooks'
  )
    .regex(/^whsec_\S+$/, 'must be a Stripe signing secret (whsec_…)')
    .optional(),
  publishableKey: credential(
    'Publishable key (pk_test_… / pk_live_…), Dashboard → Developers → API keys; for client-side Stripe.js only'
  )
    .regex(/^pk_(test|live)_\S+$/, 'must be a Stripe publishable key (pk_…)')
    .optional(),
})
