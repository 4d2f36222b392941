/**
 * @module The HMAC signature of Adyen's standard webhook, as the official SDK computes it
 * (Adyen/adyen-node-api-library src/utils/hmacValidator.ts): base64(HMAC-SHA256(key = the hex
 * HMAC key decoded to bytes, message = UTF-8 of `pspReference:originalReference:
 * merchantAccountCode:merchantReference:amount.value:amount.currency:eventCode:success`)), a
 * missing field being the empty string and nothing escaped. The signature travels in the item's
 * `additionalData.hmacSignature`; it is compared as decoded bytes, lengths first (two base64
 * texts of equal length can decode to different byte lengths).
 * Docs: https://docs.adyen.com/development-resources/webhooks/verify-hmac-signatures
 */
import { fromBase64, fromHex, toBase64 } from '../../crypto/encoding'
import { hmac, timingSafeEqual } from '../../crypto/hash'

/** The fields of a `NotificationRequestItem` that its signature covers. */
export interface SignedItem {
  pspReference?: string
  originalReference?: string
  merchantAccountCode?: string
  merchantReference?: string
  amount?: { value?: number; currency?: string }
  eventCode?: string
  success?: string
}

export const HMAC_SIGNATURE_FIELD = 'hmacSignature'

export const notificationSigningString = (item: SignedItem): string =>
  [
    item.pspReference ?? '',
    item.originalReference ?? '',
    item.merchantAccountCode ?? '',
    item.merchantReference ?? '',
    item.amount?.value === undefined ? '' : String(item.amount.value),
    item.amount?.currency ?? '',
    item.eventCode ?? '',
    item.success ?? '',
  ].join(':')

const escapeKeyValue = (text: string) => text.replace(/\\/g, '\\\\').replace(/:/g, '\\:')

/**
 * The SDK's signing string of a flat key-value map (the legacy hosted payment pages): keys sorted,
 * `\` and `:` escaped, all keys then all values joined by `:`. Kept for Adyen's published vectors.
 */
export function keyValueSigningString(data: Record<string, string>): string {
  const entries = Object.entries(data).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return [
    ...entries.map(([key]) => escapeKeyValue(key)),
    ...entries.map(([, value]) => escapeKeyValue(value)),
  ].join(':')
}

/** base64(HMAC-SHA256(hex-decoded key, UTF-8 data)). Throws on a key that is not hex. */
export async function adyenHmac(hexKey: string, data: string): Promise<string> {
  return toBase64(await hmac('SHA-256', fromHex(hexKey), data))
}

function decodeBase64(text: string): Uint8Array | undefined {
  try {
    return fromBase64(text)
  } catch {
    return undefined
  }
}

/** True when `signature` is the item's HMAC under `hexKey`; never throws on malformed input. */
export async function verifyItemSignature(
  hexKey: string,
  item: SignedItem,
  signature: string | undefined
): Promise<boolean> {
  if (!signature || !/^[0-9a-f]+$/i.test(hexKey) || hexKey.length % 2 !== 0) return false
  const received = decodeBase64(signature)
  if (!received) return false
  const expected = await hmac('SHA-256', fromHex(hexKey), notificationSigningString(item))
  return expected.byteLength === received.byteLength && timingSafeEqual(expected, received)
}
