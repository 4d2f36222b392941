/**
 * @module Short-lived access tokens: ES256 JWTs (RFC 9068 `typ: at+jwt`) with a pinned algorithm,
 * issuer, audience, subject, tenant, role, `iat`, `exp` and the signing key's `kid`.
 */
import { signJwt, verifyJwt } from './jwt'
import type { Principal, Role } from './principal'
import { currentSigner, type SigningKeyDeps, verificationKey } from './signing-keys'

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
  const token = await signJwt(
    { typ: ACCESS_TOKEN_TYPE, kid },
    {
      tid: subject.tenantId,
      role: subject.role,
      iss: issuer.issuer,
      aud: issuer.audience,
      sub: subject.userId,
      iat: issuedAt,
      exp: expiresAt,
    },
    key
  )
  return { token, expiresAt: expiresAt * 1000 }
}

/** The principal of a valid token, or undefined for anything else (never throws for bad input). */
export async function verifyAccessToken(
  deps: SigningKeyDeps,
  issuer: TokenIssuer,
  token: string
): Promise<Principal | 'expired' | undefined> {
  const verdict = await verifyJwt(token, {
    typ: ACCESS_TOKEN_TYPE,
    issuer: issuer.issuer,
    audience: issuer.audience,
    requiredClaims: ['sub', 'tid', 'role', 'iat', 'exp'],
    clockToleranceSeconds: CLOCK_TOLERANCE_SECONDS,
    maxTokenAgeSeconds: ACCESS_TOKEN_TTL_SECONDS + CLOCK_TOLERANCE_SECONDS,
    nowSeconds: Math.floor(deps.now() / 1000),
    keyFor: (kid) => verificationKey(deps, kid),
  })
  // An expired token is one this gateway signed (the signature is checked first): its holder
  // can refresh it.
  if (!verdict.valid) return verdict.expired ? 'expired' : undefined
  const { sub, tid, role } = verdict.claims
  if (typeof sub !== 'string' || typeof tid !== 'string') return undefined
  if (role !== 'admin' && role !== 'tenant') return undefined
  return { tenantId: tid, role, subject: sub, via: 'access_token', mode: 'any' }
}
