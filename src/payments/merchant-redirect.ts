/**
 * @module Where the shopper goes after a callback: the merchant's stored `callbackUrl`, its own
 * query parameters kept, with `success`, `paymentId`, `status`, (`error`) and `timestamp` set, and
 * last a `signature` over the whole query before it, exactly as sent:
 * `signature = hex(HMAC-SHA256(callbackSecret, <query string up to "&signature=">))`. Nothing the
 * merchant reads from the query can be changed without breaking it. While a rotated secret's
 * predecessor still signs, `signature` lists both, comma-separated, the current one first.
 */
import { toHex } from '../crypto/encoding'
import { hmac } from '../crypto/hash'

export interface RedirectResult {
  paymentId: string
  status: string
  success: boolean
  error?: string
}

export const redirectSignature = async (secret: string, signedQuery: string) =>
  toHex(await hmac('SHA-256', secret, signedQuery))

export async function merchantRedirect(
  callbackUrl: string,
  secrets: readonly string[],
  result: RedirectResult,
  now: number
): Promise<string> {
  const url = new URL(callbackUrl)
  url.searchParams.delete('signature')
  url.searchParams.set('success', String(result.success))
  url.searchParams.set('paymentId', result.paymentId)
  url.searchParams.set('status', result.status)
  if (result.error) url.searchParams.set('error', result.error)
  else url.searchParams.delete('error')
  url.searchParams.set('timestamp', String(Math.floor(now / 1000)))
  const signed = url.search.slice(1)
  const signatures = await Promise.all(secrets.map((secret) => redirectSignature(secret, signed)))
  url.search = `${signed}&signature=${signatures.join(',')}`
  return url.toString()
}
