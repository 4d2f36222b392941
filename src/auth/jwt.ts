/**
 * @module Compact JWS for the one algorithm the gateway signs with, ES256 (RFC 7515, 7518 §3.4,
 * 7519), on WebCrypto. Verification checks the signature before any claim, so a claim's verdict
 * (an expired token, say) is only ever given about a token the gateway signed.
 */
import { fromBase64Url, fromUtf8, toBase64Url, utf8 } from '../crypto/encoding'

const ALG = 'ES256'
/** ES256's WebCrypto parameters, for generating, importing, signing and verifying alike. */
export const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const
const SIGNATURE_BYTES = 64 // r ‖ s, 32 bytes each (RFC 7518 §3.4)

export type JwtClaims = Record<string, unknown>

/** The header's variable part; `alg` is always ES256. */
export interface JwtHeader {
  typ: string
  kid: string
}

const segment = (value: object) => toBase64Url(utf8(JSON.stringify(value)))

export async function signJwt(header: JwtHeader, claims: JwtClaims, key: CryptoKey) {
  const signingInput = `${segment({ alg: ALG, ...header })}.${segment(claims)}`
  const signature = await crypto.subtle.sign(ECDSA_P256, key, utf8(signingInput))
  return `${signingInput}.${toBase64Url(signature)}`
}

export interface JwtExpectations {
  typ: string
  issuer: string
  audience: string
  requiredClaims: readonly string[]
  clockToleranceSeconds: number
  maxTokenAgeSeconds: number
  nowSeconds: number
  /** The public key for a `kid`, or undefined when the gateway never issued (or retired) it. */
  keyFor: (kid: string) => Promise<CryptoKey | undefined>
}

export type JwtVerdict = { valid: true; claims: JwtClaims } | { valid: false; expired: boolean }

const INVALID: JwtVerdict = { valid: false, expired: false }
const EXPIRED: JwtVerdict = { valid: false, expired: true }

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** A segment as JSON, refusing padding and anything that is not base64url (RFC 7515 §2). */
function decodeJson(text: string): unknown {
  try {
    return JSON.parse(fromUtf8(fromBase64Url(text)))
  } catch {
    return undefined
  }
}

/** `typ` compares as a media type: case-insensitive, `application/` optional (RFC 7515 §4.1.9). */
const mediaType = (typ: unknown) =>
  typeof typ === 'string' ? typ.toLowerCase().replace(/^application\//, '') : undefined

export async function verifyJwt(token: string, expect: JwtExpectations): Promise<JwtVerdict> {
  const parts = token.split('.')
  if (parts.length !== 3) return INVALID
  const [encodedHeader, encodedClaims, encodedSignature] = parts as [string, string, string]
  const header = decodeJson(encodedHeader)
  if (!isObject(header) || header.alg !== ALG) return INVALID
  if (mediaType(header.typ) !== mediaType(expect.typ)) return INVALID
  // No extension is understood, so any `crit` makes the token unusable (RFC 7515 §4.1.11).
  if ('crit' in header || 'b64' in header) return INVALID
  if (typeof header.kid !== 'string' || header.kid === '') return INVALID
  const key = await expect.keyFor(header.kid)
  if (!key) return INVALID
  let signature: Uint8Array
  try {
    signature = fromBase64Url(encodedSignature)
  } catch {
    return INVALID
  }
  if (signature.length !== SIGNATURE_BYTES) return INVALID
  const signed = utf8(`${encodedHeader}.${encodedClaims}`)
  if (!(await crypto.subtle.verify(ECDSA_P256, key, signature, signed))) return INVALID
  const claims = decodeJson(encodedClaims)
  if (!isObject(claims)) return INVALID
  return checkClaims(claims, expect)
}

/** RFC 7519 §4.1 with the gateway's pinned issuer and audience, and a bounded token age. */
function checkClaims(claims: Record<string, unknown>, expect: JwtExpectations): JwtVerdict {
  if (expect.requiredClaims.some((name) => !(name in claims))) return INVALID
  if (claims.iss !== expect.issuer) return INVALID
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud]
  if (!audiences.includes(expect.audience)) return INVALID
  const { iat, nbf, exp } = claims
  if (typeof iat !== 'number' || typeof exp !== 'number') return INVALID
  if (nbf !== undefined && typeof nbf !== 'number') return INVALID
  const now = expect.nowSeconds
  const tolerance = expect.clockToleranceSeconds
  if (nbf !== undefined && nbf > now + tolerance) return INVALID
  if (exp <= now - tolerance) return EXPIRED
  const age = now - iat
  if (age - tolerance > expect.maxTokenAgeSeconds) return EXPIRED
  if (age < -tolerance) return INVALID
  return { valid: true, claims }
}
