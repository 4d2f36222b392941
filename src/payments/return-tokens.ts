/**
 * @module The state token in the gateway's callback URL (`/v1/callback/{provider}?state=…`):
 * HMAC-signed, naming the tenant and payment, expiring after 30 minutes, and single use (its id is
 * stored on the payment and spent by compare-and-set). Nothing else in a callback is trusted.
 */
import { fromBase64Url, fromUtf8, toBase64Url, utf8 } from '../crypto/encoding'
import { newId } from '../domain/ids'

export const RETURN_TOKEN_TTL_MS = 30 * 60 * 1000

export interface ReturnToken {
  tokenId: string
  tenantId: string
  paymentId: string
  provider: string
  expiresAt: number
}

export async function issueReturnToken(
  key: CryptoKey,
  subject: Omit<ReturnToken, 'tokenId' | 'expiresAt'>,
  now: number
): Promise<{ token: string; claims: ReturnToken }> {
  const claims: ReturnToken = {
    ...subject,
    tokenId: newId('returnToken', now),
    expiresAt: now + RETURN_TOKEN_TTL_MS,
  }
  const payload = toBase64Url(utf8(JSON.stringify(claims)))
  const signature = toBase64Url(await crypto.subtle.sign('HMAC', key, utf8(payload)))
  return { token: `${payload}.${signature}`, claims }
}

/** The claims of a genuine, unexpired token; undefined for anything else. */
export async function readReturnToken(
  key: CryptoKey,
  token: string,
  now: number
): Promise<ReturnToken | undefined> {
  const [payload, signature, extra] = token.split('.')
  if (!payload || !signature || extra !== undefined) return undefined
  try {
    const valid = await crypto.subtle.verify('HMAC', key, fromBase64Url(signature), utf8(payload))
    if (!valid) return undefined
    const claims = JSON.parse(fromUtf8(fromBase64Url(payload))) as ReturnToken
    return claims.expiresAt > now ? claims : undefined
  } catch {
    return undefined
  }
}
