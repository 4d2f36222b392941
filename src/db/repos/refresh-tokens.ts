/** @module Refresh-token rows: hashed, grouped in families, single use. */
import { and, eq, isNull, sql } from 'drizzle-orm'
import type { Db } from '../client'
import { refreshTokens } from '../schema'

export type RefreshTokenRow = typeof refreshTokens.$inferSelect

export const insertRefreshToken = (db: Db, row: RefreshTokenRow) =>
  db.insert(refreshTokens).values(row).run()

/**
 * Inserts the successor of a used token unless its family has been revoked meanwhile; false when
 * it was (a reuse seen by a racing request), so a revoked family never gains a live token.
 */
export async function insertSuccessorToken(db: Db, row: RefreshTokenRow): Promise<boolean> {
  const result = await db.run(sql`
    INSERT INTO ${refreshTokens} (id, family_id, user_id, tenant_id, token_hash, created_at,
      expires_at, family_expires_at, used_at, revoked_at)
    SELECT ${row.id}, ${row.familyId}, ${row.userId}, ${row.tenantId}, ${row.tokenHash},
      ${row.createdAt}, ${row.expiresAt}, ${row.familyExpiresAt}, NULL, NULL
    WHERE NOT EXISTS (SELECT 1 FROM ${refreshTokens}
      WHERE ${refreshTokens.familyId} = ${row.familyId} AND ${refreshTokens.revokedAt} IS NOT NULL)`)
  return result.meta.changes === 1
}

export const findRefreshTokenByHash = (db: Db, tokenHash: string) =>
  db.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, tokenHash)).get()

/** Marks a token used if nobody used it first; true when this caller won. */
export async function markRefreshTokenUsed(db: Db, id: string, now: number): Promise<boolean> {
  const result = await db
    .update(refreshTokens)
    .set({ usedAt: now })
    .where(
      and(eq(refreshTokens.id, id), isNull(refreshTokens.usedAt), isNull(refreshTokens.revokedAt))
    )
    .run()
  return result.meta.changes === 1
}

export const revokeRefreshFamily = (db: Db, familyId: string, now: number) =>
  db
    .update(refreshTokens)
    .set({ revokedAt: now })
    .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)))
    .run()
