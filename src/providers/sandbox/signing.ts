/**
 * @module The sandbox's signatures, shaped like a real PSP's: every API request carries
 * `X-Sandbox-Signature = hex(HMAC-SHA256(secret, timestamp + "." + body))` with a 5-minute
 * tolerance, and the shopper's return from 3-D Secure carries `signature = hex(HMAC-SHA256(secret,
 * charge|status|amount|currency))`. The merchant secret of a tenant is derived from the gateway's
 * master key, so the sandbox needs no configuration.
 */
import { toHex } from '../../crypto/encoding'
import { hmac, timingSafeEqual } from '../../crypto/hash'

export const SIGNATURE_TOLERANCE_SECONDS = 300

export const HEADER_MERCHANT = 'X-Sandbox-Merchant'
export const HEADER_TIMESTAMP = 'X-Sandbox-Timestamp'
export const HEADER_SIGNATURE = 'X-Sandbox-Signature'

export async function deriveMerchantSecret(
  sandboxKey: CryptoKey,
  merchantId: string
): Promise<string> {
  return `sbx_${toHex(await hmac('SHA-256', sandboxKey, `merchant|${merchantId}`))}`
}

const hexHmac = async (secret: string, message: string) =>
  toHex(await hmac('SHA-256', secret, message))

export const signRequest = (secret: string, timestamp: number, body: string) =>
  hexHmac(secret, `${timestamp}.${body}`)

export async function verifyRequest(
  secret: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  body: string,
  nowMs: number
): Promise<boolean> {
  const timestamp = Number(headers.timestamp)
  if (!Number.isInteger(timestamp) || !headers.signature) return false
  if (Math.abs(nowMs / 1000 - timestamp) > SIGNATURE_TOLERANCE_SECONDS) return false
  return timingSafeEqual(await signRequest(secret, timestamp, body), headers.signature)
}

export interface ReturnParams {
  charge: string
  status: string
  amount: string
  currency: string
}

export const signReturn = (secret: string, p: ReturnParams) =>
  hexHmac(secret, `${p.charge}|${p.status}|${p.amount}|${p.currency}`)

export async function verifyReturn(
  secret: string,
  p: ReturnParams,
  signature: string
): Promise<boolean> {
  return timingSafeEqual(await signReturn(secret, p), signature)
}
