/**
 * @module Signatures on outgoing merchant notifications, per the Standard Webhooks spec
 * (https://www.standardwebhooks.com): `webhook-signature: v1,<base64 HMAC-SHA256>` over
 * `<webhook-id>.<webhook-timestamp>.<body>`, keyed with the base64-decoded part of `whsec_<base64>`.
 * During a secret rotation the header carries one signature per secret, space-separated.
 */
import { fromBase64, toBase64, utf8 } from '../crypto/encoding'
import { hmac } from '../crypto/hash'
import { randomBytes } from '../crypto/random'

const SECRET_PREFIX = 'whsec_'
const SECRET_BYTES = 24

export const generateWebhookSecret = () => `${SECRET_PREFIX}${toBase64(randomBytes(SECRET_BYTES))}`

const keyBytes = (secret: string) =>
  fromBase64(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret)

export async function signWebhook(
  secret: string,
  messageId: string,
  timestampSeconds: number,
  body: string
) {
  const mac = await hmac(
    'SHA-256',
    keyBytes(secret),
    utf8(`${messageId}.${timestampSeconds}.${body}`)
  )
  return `v1,${toBase64(mac)}`
}

/** The three Standard Webhooks headers for one attempt, signed with every active secret. */
export async function webhookHeaders(
  secrets: readonly string[],
  messageId: string,
  timestampSeconds: number,
  body: string
): Promise<Record<string, string>> {
  const signatures = await Promise.all(
    secrets.map((s) => signWebhook(s, messageId, timestampSeconds, body))
  )
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': signatures.join(' '),
  }
}
