/**
 * @module Refresh-token rows: hashed, grouped in families, single use. A spent row keeps its
 * successor's id and the successor sealed with a key only the spent token yields, for the reuse
 * window; revoking a family drops those sealed copies.
 */
import { and, eq, isNull, sql } from 'drizzle-orm'
import type { Db } from '../client'
import { refreshTokens } from '../schema'

export type RefreshTokenRow = typeof refreshTokens.$inferSelect

export const insertRefreshToken = (db: Db, row: RefreshTokenRow) =>
  db.insert(refreshTokens).values(row).run()

/**
 * Inserts the successor of a used token unless its family has been revoked meanwhile, and tells
 * whether it is live. Idempotent: a replay within the reuse window inserts the same row again, so
 * whichever of two racing requests gets here first creates it. A revoked family never gains a
 * live token.
 */
export async function ensureSuccessorToken(db: Db, row: RefreshTokenRow): Promise<boolean> {
  const result = await db.run(sql`
    INSERT INTO ${refreshTokens} (id, family_id, user_id, tenant_id, token_hash, created_at,
      expires_at, family_expires_at, used_at, revoked_at)
    SELECT ${row.id}, ${row.familyId}, ${row.userId}, ${row.tenantId}, ${row.tokenHash},
      ${row.createdAt}, ${row.expiresAt}, ${row.familyExpiresAt}, NULL, NULL
    WHERE NOT EXISTS (SELECT 1 FROM ${refreshTokens}
      WHERE ${refreshTokens.familyId} = ${row.familyId} AND ${refreshTokens.revokedAt} IS NOT NULL)
    ON CONFLICT (id) DO NOTHING`)
  if (result.meta.changes === 1) return true
  return isRefreshTokenLive(db, row.userId, row.id)
}

async function isRefreshTokenLive(db: Db, userId: string, id: string): Promise<boolean> {
  const row = await db
    .select({ id: refreshTokens.id })
    .from(refreshTokens)
    .where(
      and(
        eq(refreshTokens.userId, userId),
        eq(refreshTokens.id, id),
        isNull(refreshTokens.revokedAt)
      )
    )
    .get()
  return row !== undefined
}

export const findRefreshTokenByHash = (db: Db, tokenHash: string) =>
  db.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, tokenHash)).get()

/**
 * Marks a token used, naming its successor, if nobody used it first; true when this caller won.
 * Claim and successor are one write, so whoever sees the token spent also sees its successor.
 */
export async function markRefreshTokenUsed(
  db: Db,
  id: string,
  now: number,
  successor: { id: string; sealed: string }
): Promise<boolean> {
  const result = await db
    .update(refreshTokens)
    .set({ usedAt: now, successorId: successor.id, sealedSuccessor: successor.sealed })
    .where(
      and(eq(refreshTokens.id, id), isNull(refreshTokens.usedAt), isNull(refreshTokens.revokedAt))
    )
    .run()
  return result.meta.changes === 1
}

export const revokeRefreshFamily = (db: Db, familyId: string, now: number) =>
  db
    .update(refreshTokens)
    .set({ revokedAt: now, sealedSuccessor: null })
    .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)))
    .run()
