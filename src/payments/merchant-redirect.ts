/**
 * @module Where the shopper goes after a callback: the merchant's stored `callbackUrl` with
 * `success`, `paymentId`, `status`, (`error`), `timestamp` and a `signature` the merchant checks:
 * `signature = hex(HMAC-SHA256(callbackSecret, paymentId + "." + status + "." + success + "." + timestamp))`.
 * The callback secret is per tenant (`GET /v1/config/callback-secret`).
 */
import { toBase64Url, toHex } from '../crypto/encoding'
import { hmac } from '../crypto/hash'

export async function callbackSecretOf(stateKey: CryptoKey, tenantId: string): Promise<string> {
  return `cbsec_${toBase64Url(await hmac('SHA-256', stateKey, `merchant-callback|${tenantId}`))}`
}

export interface RedirectResult {
  paymentId: string
  status: string
  success: boolean
  error?: string
}

export const redirectSignature = async (secret: string, r: RedirectResult, timestamp: number) =>
  toHex(await hmac('SHA-256', secret, `${r.paymentId}.${r.status}.${r.success}.${timestamp}`))

export async function merchantRedirect(
  callbackUrl: string,
  secret: string,
  result: RedirectResult,
  now: number
): Promise<string> {
  const url = new URL(callbackUrl)
  const timestamp = Math.floor(now / 1000)
  url.searchParams.set('success', String(result.success))
  url.searchParams.set('paymentId', result.paymentId)
  url.searchParams.set('status', result.status)
  if (result.error) url.searchParams.set('error', result.error)
  else url.searchParams.delete('error')
  url.searchParams.set('timestamp', String(timestamp))
  url.searchParams.set('signature', await redirectSignature(secret, result, timestamp))
  return url.toString()
}
