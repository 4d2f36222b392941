/** @module A signed-in session: an access token plus a refresh token, as login and refresh answer. */
import { findUserById, type UserRow } from '../db/repos/users'
import { issueAccessToken, type TokenIssuer } from './access-tokens'
import { rotateRefreshToken, startRefreshFamily } from './refresh-tokens'
import type { SigningKeyDeps } from './signing-keys'

export interface Session {
  token: string
  refreshToken: string
  expiresAt: number
  tenantId: string
}

type User = Pick<UserRow, 'id' | 'tenantId' | 'role'>

async function sessionFor(
  deps: SigningKeyDeps,
  issuer: TokenIssuer,
  user: User,
  refreshToken: string
) {
  const access = await issueAccessToken(deps, issuer, {
    userId: user.id,
    tenantId: user.tenantId,
    role: user.role,
  })
  return { token: access.token, expiresAt: access.expiresAt, refreshToken, tenantId: user.tenantId }
}

export async function startSession(
  deps: SigningKeyDeps,
  issuer: TokenIssuer,
  user: User
): Promise<Session> {
  const refreshToken = await startRefreshFamily(
    deps.db,
    { userId: user.id, tenantId: user.tenantId },
    deps.now()
  )
  return sessionFor(deps, issuer, user, refreshToken)
}

/** Rotates the refresh token and re-reads the user, so a changed role or tenant takes effect. */
export async function refreshSession(
  deps: SigningKeyDeps,
  issuer: TokenIssuer,
  refreshToken: string,
  /** Throws when the user may not have a session now (suspended). */
  admitUser: (user: User) => Promise<void> = async () => {}
): Promise<Session | undefined> {
  const rotated = await rotateRefreshToken(deps.db, refreshToken, deps.now())
  if (!rotated.ok) return undefined
  const user = await findUserById(deps.db, rotated.owner.userId)
  if (!user || user.tenantId !== rotated.owner.tenantId) return undefined
  await admitUser(user)
  return sessionFor(deps, issuer, user, rotated.refreshToken)
}
