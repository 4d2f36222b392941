/**
 * @module The state token in the gateway's callback URL (`/v1/callback/{provider}?state=…`):
 * HMAC-signed, naming the tenant and payment, expiring after 30 minutes, and single use (its id is
 * stored on the payment and spent by compare-and-set). Nothing else in a callback is trusted.
 */
import { newId } from '../domain/ids'
import { readLink, signLink } from './signed-links'

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
  return { token: await signLink(key, 'return', claims), claims }
}

/** The claims of a genuine, unexpired token; undefined for anything else. */
export const readReturnToken = (key: CryptoKey, token: string, now: number) =>
  readLink<ReturnToken>(key, 'return', token, now)
