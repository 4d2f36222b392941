/**
 * @module Opaque refresh tokens with rotation and reuse detection (RFC 9700 §4.14.2): each use
 * returns a new token of the same family; presenting a spent token revokes the whole family, so
 * a stolen token works at most until its owner (or the thief) uses it once more.
 *
 * Reuse window: for `REFRESH_REUSE_WINDOW_MS` after a token is exchanged, presenting it again
 * answers with the same successor instead of revoking, so two tabs or a retried request do not
 * sign their user out. To hand the successor out again without keeping any token in clear, the
 * spent row stores the successor sealed (AES-256-GCM, bound to the row id) under a key derived by
 * HKDF from the spent token itself. The database holds only that token's SHA-256, from which the
 * key cannot be derived, so a copy of the database opens nothing; and only whoever presents the
 * spent token within the window gets the successor. The successor is not derived from its
 * predecessor, since then anyone holding an old token could compute every later one offline.
 * Revoking a family drops the sealed copies. The window is the usual trade-off (as in Auth0's
 * and Okta's): a thief replaying a token within seconds of its owner gets the same session as
 * the owner, rather than revoking it.
 */
import { open, seal } from '../crypto/aes-gcm'
import { utf8 } from '../crypto/encoding'
import { sha256Hex } from '../crypto/hash'
import { randomSecret } from '../crypto/random'
import type { Db } from '../db/client'
import {
  ensureSuccessorToken,
  findRefreshTokenByHash,
  insertRefreshToken,
  markRefreshTokenUsed,
  type RefreshTokenRow,
  revokeRefreshFamily,
} from '../db/repos/refresh-tokens'
import { newId } from '../domain/ids'

const REFRESH_TOKEN_PREFIX = 'gprt_'
export const REFRESH_TOKEN_IDLE_MS = 7 * 24 * 60 * 60 * 1000
export const REFRESH_FAMILY_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000
/** How long after its exchange a token answers again with the same successor. */
export const REFRESH_REUSE_WINDOW_MS = 30_000

interface Owner {
  userId: string
  tenantId: string
}

interface Family {
  familyId: string
  familyExpiresAt: number
}

interface IssuedToken {
  token: string
  row: RefreshTokenRow
}

async function tokenRow(
  id: string,
  token: string,
  owner: Owner,
  family: Family,
  createdAt: number
): Promise<IssuedToken> {
  const row: RefreshTokenRow = {
    id,
    familyId: family.familyId,
    userId: owner.userId,
    tenantId: owner.tenantId,
    tokenHash: await sha256Hex(token),
    createdAt,
    expiresAt: Math.min(createdAt + REFRESH_TOKEN_IDLE_MS, family.familyExpiresAt),
    familyExpiresAt: family.familyExpiresAt,
    usedAt: null,
    revokedAt: null,
    successorId: null,
    sealedSuccessor: null,
  }
  return { token, row }
}

const newToken = (owner: Owner, family: Family, now: number) =>
  tokenRow(
    newId('refreshToken', now),
    `${REFRESH_TOKEN_PREFIX}${randomSecret()}`,
    owner,
    family,
    now
  )

/** The key that seals a token's successor: derivable only from the token itself. */
async function successorKey(token: string): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', utf8(token), 'HKDF', false, ['deriveKey'])
  return crypto.subtle.deriveKey(
    {
      name: 'HKDF',
      hash: 'SHA-256',
      salt: new Uint8Array(),
      info: utf8('gopay-edge/refresh-successor/v1'),
    },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt']
  )
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

const ownerOf = (row: RefreshTokenRow): Owner => ({ userId: row.userId, tenantId: row.tenantId })

/** Stores the successor (again, for a replay) unless the family was revoked meanwhile. */
async function answerWith(db: Db, successor: IssuedToken): Promise<RotationResult> {
  if (!(await ensureSuccessorToken(db, successor.row))) return { ok: false, reason: 'reused' }
  return { ok: true, owner: ownerOf(successor.row), refreshToken: successor.token }
}

/** Spends `row` for a new successor; undefined when another request spent it first. */
async function exchange(
  db: Db,
  row: RefreshTokenRow,
  token: string,
  now: number
): Promise<RotationResult | undefined> {
  const successor = await newToken(ownerOf(row), row, now)
  const sealed = await seal(await successorKey(token), successor.token, row.id)
  if (!(await markRefreshTokenUsed(db, row.id, now, { id: successor.row.id, sealed }))) {
    return undefined
  }
  return answerWith(db, successor)
}

/** The successor of a token spent less than `REFRESH_REUSE_WINDOW_MS` ago, else undefined. */
async function replayWithinWindow(
  db: Db,
  spent: RefreshTokenRow,
  token: string,
  now: number
): Promise<RotationResult | undefined> {
  const { usedAt, successorId, sealedSuccessor } = spent
  if (spent.revokedAt !== null || usedAt === null || !successorId || !sealedSuccessor) return
  if (now - usedAt >= REFRESH_REUSE_WINDOW_MS) return
  const successorToken = await open(await successorKey(token), sealedSuccessor, spent.id).catch(
    () => undefined
  )
  if (!successorToken) return
  return answerWith(db, await tokenRow(successorId, successorToken, ownerOf(spent), spent, usedAt))
}

export async function rotateRefreshToken(
  db: Db,
  token: string,
  now: number
): Promise<RotationResult> {
  if (!token.startsWith(REFRESH_TOKEN_PREFIX)) return { ok: false, reason: 'unknown' }
  const tokenHash = await sha256Hex(token)
  let row = await findRefreshTokenByHash(db, tokenHash)
  if (!row) return { ok: false, reason: 'unknown' }
  if (row.usedAt === null && row.revokedAt === null) {
    if (row.expiresAt <= now) return { ok: false, reason: 'expired' }
    const exchanged = await exchange(db, row, token, now)
    if (exchanged) return exchanged
    // Another request with the same token spent it first: answer as a replay.
    row = (await findRefreshTokenByHash(db, tokenHash)) ?? row
  }
  const replayed = await replayWithinWindow(db, row, token, now)
  if (replayed) return replayed
  await revokeRefreshFamily(db, row.familyId, now)
  return { ok: false, reason: 'reused' }
}
