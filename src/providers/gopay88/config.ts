/**
 * @module GoPay88 (GoPay黄金支付) credentials: the merchant UID and API key from the GoPay88
 * merchant back office, the merchant's own 2048-bit RSA private key (its public half is registered
 * with GoPay88) that signs requests with SHA1withRSA, and GoPay88's platform public key that
 * verifies answers and notifications. Keys are PEM (PKCS#1 or PKCS#8/SPKI) or their bare base64.
 * `channel` (optional) is the collection channel used when a payment names none.
 * Docs: https://www.gopay88.io (the API document is handed to merchants)
 */
import * as z from 'zod'
import { credential } from '../config-schema'
import { COLLECTION_CHANNELS } from './mapping'

const rsaKey = (description: string, kind: 'PRIVATE' | 'PUBLIC') =>
  credential(description).refine(
    (v) =>
      new RegExp(`^-----BEGIN (RSA )?${kind} KEY-----`).test(v) || /^[A-Za-z0-9+/=\s]+$/.test(v),
    `must be an RSA ${kind.toLowerCase()} key: PEM (-----BEGIN …) or bare base64`
  )

export const gopay88ConfigSchema = z.object({
  mchId: credential('Merchant UID (mchid), e.g. 100001').regex(/^\d+$/, 'must be digits'),
  apiKey: credential('API key assigned by GoPay88 to the merchant; sent as X-Ca-Auth'),
  merchantPrivateKey: rsaKey(
    'Merchant RSA private key that signs requests (SHA1withRSA)',
    'PRIVATE'
  ),
  platformPublicKey: rsaKey(
    'GoPay88 platform RSA public key that verifies answers and notifications',
    'PUBLIC'
  ),
  channel: z
    .enum(COLLECTION_CHANNELS)
    .describe(
      `Default channel (支付产品) when a payment names none: ${COLLECTION_CHANNELS.join(', ')}; gopay_bankupi if unset`
    )
    .optional(),
})

export type Gopay88Config = z.infer<typeof gopay88ConfigSchema>
