/**
 * @module Stripe webhook signatures (`Stripe-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>…]`),
 * as stripe-node's `src/Webhooks.ts` checks them: HMAC-SHA256 keyed with the UTF-8 bytes of the
 * whole signing secret (`whsec_…` included) over `${t}.${rawBody}`, lower-case hex; any `v1` may
 * match (several appear while a secret is rolled); other schemes (`v0`) are ignored; an event
 * older than 300 s is refused (age only: a `t` in the future is not). Docs:
 * https://docs.stripe.com/webhooks#verify-manually
 */
import { toHex } from '../../crypto/encoding'
import { hmac, timingSafeEqual } from '../../crypto/hash'

export const SIGNATURE_HEADER = 'Stripe-Signature'

/** stripe-node's `Webhook.DEFAULT_TOLERANCE`. */
export const WEBHOOK_TOLERANCE_SECONDS = 300

const SCHEME = 'v1'

export interface ParsedSignatureHeader {
  timestamp: number
  signatures: string[]
}

/** Splits the header like stripe-node: `,` between items, `=` between key and value. */
export function parseSignatureHeader(header: string): ParsedSignatureHeader | undefined {
  let timestamp = Number.NaN
  const signatures: string[] = []
  for (const item of header.split(',')) {
    const [key, value] = item.split('=')
    if (key === 't') timestamp = Number.parseInt(value ?? '', 10)
    if (key === SCHEME && value) signatures.push(value)
  }
  if (!Number.isInteger(timestamp) || signatures.length === 0) return undefined
  return { timestamp, signatures }
}

/** Lower-case hex HMAC-SHA256 keyed with the secret's UTF-8 bytes (stripe-node's crypto providers). */
export const hmacHex = async (secret: string, message: string) =>
  toHex(await hmac('SHA-256', secret, message))

/** The `v1` signature of a payload sent at `timestamp` (unix seconds). */
export const computeSignature = (secret: string, timestamp: number, payload: string) =>
  hmacHex(secret, `${timestamp}.${payload}`)

export async function verifySignatureHeader(
  secret: string,
  header: string | null,
  rawBody: string,
  nowMs: number
): Promise<boolean> {
  if (!secret || !header || !rawBody) return false
  const parsed = parseSignatureHeader(header)
  if (!parsed) return false
  const expected = await computeSignature(secret, parsed.timestamp, rawBody)
  // Every candidate is compared, so the time taken does not say which one matched.
  const matches = parsed.signatures.map((candidate) => timingSafeEqual(expected, candidate))
  if (!matches.includes(true)) return false
  return Math.floor(nowMs / 1000) - parsed.timestamp <= WEBHOOK_TOLERANCE_SECONDS
}

/** The test-side signer, like stripe-node's `generateTestHeaderString`. */
export async function generateTestHeader(options: {
  payload: string
  secret: string
  timestamp: number
}): Promise<string> {
  const signature = await computeSignature(options.secret, options.timestamp, options.payload)
  return `t=${options.timestamp},${SCHEME}=${signature}`
}
