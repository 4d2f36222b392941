/**
 * @module GoPay88 credentials: the merchant API key sent as X-Ca-Auth, the merchant's RSA private key
 * that signs requests (SHA1withRSA), and the platform's RSA public key that verifies answers and
 * notifications. PEM keys may be PKCS#1 or PKCS#8 / SPKI.
 * Docs: see docs/providers.md (GoPay88 publishes its API document to merchants only).
 */
import { z } from 'zod'
import { credential } from '../config-schema'

const pem = (description: string, kind: 'PRIVATE' | 'PUBLIC') =>
  credential(description).refine(
    (value) =>
      new RegExp(`-----BEGIN (RSA )?${kind} KEY-----`).test(value) ||
      /^[A-Za-z0-9+/=\s]+$/.test(value),
    `must be a PEM ${kind.toLowerCase()} key or its bare base64`
  )

export const gopay88ConfigSchema = z.object({
  apiKey: credential('Merchant API key (X-Ca-Auth)'),
  merchantPrivateKey: pem('Merchant RSA private key, PEM', 'PRIVATE'),
  platformPublicKey: pem('GoPay88 platform RSA public key, PEM', 'PUBLIC'),
})
