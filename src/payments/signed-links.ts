/**
 * @module Claims carried in a link the gateway hands out (a callback's `state`, a shopper page's
 * `t`): base64url JSON signed with HMAC-SHA256 under the state-token key. Each kind of link signs
 * under its own label, so a token of one kind never passes as another; the callback state signs
 * its payload alone, as it always has.
 */
import { fromBase64Url, fromUtf8, toBase64Url, utf8 } from '../crypto/encoding'
import { previousKeyOf } from '../crypto/keyring'

export type LinkKind = 'return' | 'shopper_page'

const signedText = (kind: LinkKind, payload: string) =>
  kind === 'return' ? payload : `${kind}.${payload}`

export async function signLink<T extends { expiresAt: number }>(
  key: CryptoKey,
  kind: LinkKind,
  claims: T
): Promise<string> {
  const payload = toBase64Url(utf8(JSON.stringify(claims)))
  const signature = await crypto.subtle.sign('HMAC', key, utf8(signedText(kind, payload)))
  return `${payload}.${toBase64Url(signature)}`
}

/** The claims of a genuine, unexpired link of this kind; undefined for anything else. */
export async function readLink<T extends { expiresAt: number }>(
  key: CryptoKey,
  kind: LinkKind,
  token: string,
  now: number
): Promise<T | undefined> {
  const [payload, signature, extra] = token.split('.')
  if (!payload || !signature || extra !== undefined) return undefined
  try {
    const signed = utf8(signedText(kind, payload))
    const verifies = (candidate: CryptoKey) =>
      crypto.subtle.verify('HMAC', candidate, fromBase64Url(signature), signed)
    // A link handed out before a master-key rotation stays good for its short life.
    const previous = previousKeyOf(key)
    const valid = (await verifies(key)) || (previous !== undefined && (await verifies(previous)))
    if (!valid) return undefined
    const claims = JSON.parse(fromUtf8(fromBase64Url(payload))) as T
    return claims.expiresAt > now ? claims : undefined
  } catch {
    return undefined
  }
}
