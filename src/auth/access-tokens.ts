/**
 * @module Short-lived access tokens: ES256 JWTs (RFC 9068 `typ: at+jwt`) with a pinned algorithm,
 * issuer, audience, subject, tenant, role, `iat`, `exp` and the signing key's `kid`.
 */
import { errors, jwtVerify, SignJWT } from 'jose'
import type { Principal, Role } from './principal'
import {
  ACCESS_TOKEN_ALGORITHM,
  currentSigner,
  type SigningKeyDeps,
  verificationKey,
} from './signing-keys'

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60
const ACCESS_TOKEN_TYPE = 'at+jwt'
const CLOCK_TOLERANCE_SECONDS = 30

export interface TokenIssuer {
  issuer: string
  audience: string
}

/** The issuer is the gateway's own URL; the audience is its API. */
export const tokenIssuerFor = (appUrl: string): TokenIssuer => ({
  issuer: appUrl,
  audience: `${appUrl}/v1`,
})

export interface AccessTokenSubject {
  userId: string
  tenantId: string
  role: Role
}

export async function issueAccessToken(
  deps: SigningKeyDeps,
  issuer: TokenIssuer,
  subject: AccessTokenSubject
): Promise<{ token: string; expiresAt: number }> {
  const { kid, key } = await currentSigner(deps)
  const issuedAt = Math.floor(deps.now() / 1000)
  const expiresAt = issuedAt + ACCESS_TOKEN_TTL_SECONDS
  const token = await new SignJWT({ tid: subject.tenantId, role: subject.role })
    .setProtectedHeader({ alg: ACCESS_TOKEN_ALGORITHM, typ: ACCESS_TOKEN_TYPE, kid })
    .setIssuer(issuer.issuer)
    .setAudience(issuer.audience)
    .setSubject(subject.userId)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt)
    .sign(key)
  return { token, expiresAt: expiresAt * 1000 }
}

/** The principal of a valid token, or undefined for anything else (never throws for bad input). */
export async function verifyAccessToken(
  deps: SigningKeyDeps,
  issuer: TokenIssuer,
  token: string
): Promise<Principal | 'expired' | undefined> {
  try {
    const { payload } = await jwtVerify(
      token,
      async (header) => {
        const key = header.kid ? await verificationKey(deps, header.kid) : undefined
        if (!key) throw new errors.JWKSNoMatchingKey()
        return key
      },
      {
        algorithms: [ACCESS_TOKEN_ALGORITHM],
        issuer: issuer.issuer,
        audience: issuer.audience,
        typ: ACCESS_TOKEN_TYPE,
        requiredClaims: ['sub', 'tid', 'role', 'iat', 'exp'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        maxTokenAge: ACCESS_TOKEN_TTL_SECONDS + CLOCK_TOLERANCE_SECONDS,
        currentDate: new Date(deps.now()),
      }
    )
    const { sub, tid, role } = payload
    if (typeof sub !== 'string' || typeof tid !== 'string') return undefined
    if (role !== 'admin' && role !== 'tenant') return undefined
    return { tenantId: tid, role, subject: sub, via: 'access_token', mode: 'any' }
  } catch (error) {
    // jose checks `exp` and the token's age only after the signature held: an expired token is
    // one this gateway issued, and its holder can refresh it.
    if (error instanceof errors.JWTExpired) return 'expired'
    if (error instanceof errors.JOSEError) return undefined
    throw error
  }
}
