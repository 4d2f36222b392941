/**
 * @module Opaque refresh tokens with rotation and reuse detection (RFC 9700 §4.14.2): each use
 * returns a new token of the same family; presenting a spent token revokes the whole family, so
 * a stolen token works at most until its owner (or the thief) uses it once more.
 */
import { sha256Hex } from '../crypto/hash'
import { randomSecret } from '../crypto/random'
import type { Db } from '../db/client'
import {
  findRefreshTokenByHash,
  insertRefreshToken,
  insertSuccessorToken,
  markRefreshTokenUsed,
  type RefreshTokenRow,
  revokeRefreshFamily,
} from '../db/repos/refresh-tokens'
import { newId } from '../domain/ids'

const REFRESH_TOKEN_PREFIX = 'gprt_'
export const REFRESH_TOKEN_IDLE_MS = 7 * 24 * 60 * 60 * 1000
export const REFRESH_FAMILY_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000

interface Owner {
  userId: string
  tenantId: string
}

interface Family {
  familyId: string
  familyExpiresAt: number
}

async function newToken(owner: Owner, family: Family, now: number) {
  const token = `${REFRESH_TOKEN_PREFIX}${randomSecret()}`
  const row: RefreshTokenRow = {
    id: newId('refreshToken', now),
    familyId: family.familyId,
    userId: owner.userId,
    tenantId: owner.tenantId,
    tokenHash: await sha256Hex(token),
    createdAt: now,
    expiresAt: Math.min(now + REFRESH_TOKEN_IDLE_MS, family.familyExpiresAt),
    familyExpiresAt: family.familyExpiresAt,
    usedAt: null,
    revokedAt: null,
  }
  return { token, row }
}

/** A new family, at login. */
export async function startRefreshFamily(db: Db, owner: Owner, now: number): Promise<string> {
  const family = {
    familyId: newId('refreshFamily', now),
    familyExpiresAt: now + REFRESH_FAMILY_LIFETIME_MS,
  }
  const { token, row } = await newToken(owner, family, now)
  await insertRefreshToken(db, row)
  return token
}

export type RotationResult =
  | { ok: true; owner: Owner; refreshToken: string }
  | { ok: false; reason: 'unknown' | 'expired' | 'reused' }

export async function rotateRefreshToken(
  db: Db,
  token: string,
  now: number
): Promise<RotationResult> {
  if (!token.startsWith(REFRESH_TOKEN_PREFIX)) return { ok: false, reason: 'unknown' }
  const row = await findRefreshTokenByHash(db, await sha256Hex(token))
  if (!row) return { ok: false, reason: 'unknown' }
  if (row.usedAt !== null || row.revokedAt !== null) {
    await revokeRefreshFamily(db, row.familyId, now)
    return { ok: false, reason: 'reused' }
  }
  if (row.expiresAt <= now) return { ok: false, reason: 'expired' }
  if (!(await markRefreshTokenUsed(db, row.id, now))) {
    // Two requests raced with the same token: one of them is not its owner.
    await revokeRefreshFamily(db, row.familyId, now)
    return { ok: false, reason: 'reused' }
  }
  const owner = { userId: row.userId, tenantId: row.tenantId }
  const successor = await newToken(owner, row, now)
  // A reuse may have revoked the family between our claim and this insert.
  if (!(await insertSuccessorToken(db, successor.row))) return { ok: false, reason: 'reused' }
  return { ok: true, owner, refreshToken: successor.token }
}
