/**
 * @module Stripe credentials: the secret (or restricted) API key and, for webhooks, the endpoint's
 * signing secret, both from the Stripe Dashboard → Developers.
 * Docs: https://docs.stripe.com/keys
 */
import { z } from 'zod'
import { credential } from '../config-schema'

export const stripeConfigSchema = z.object({
  secretKey: credential(
    'Secret key (sk_test_… / sk_live_…) or restricted key (rk_…) from Developers → API keys'
  ).regex(
    /^(sk|rk)_(test|live)_[0-9A-Za-z]+$/,
    'must be a Stripe secret or restricted key (sk_test_…, sk_live_…, rk_…)'
  ),
  webhookSecret: credential(
    'Signing secret (whsec_…) of the webhook endpoint, from Developers → Webhooks'
  )
    .regex(/^whsec_[0-9A-Za-z+/=]+$/, 'must start with whsec_')
    .optional(),
  publishableKey: credential(
    'Publishable key (pk_test_… / pk_live_…), if your checkout page needs it'
  ).optional(),
})
