/** @module Refresh-token rows: hashed, grouped in families, single use. */
import { and, eq, isNull } from 'drizzle-orm'
import type { Db } from '../client'
import { refreshTokens } from '../schema'

export type RefreshTokenRow = typeof refreshTokens.$inferSelect

export const insertRefreshToken = (db: Db, row: RefreshTokenRow) =>
  db.insert(refreshTokens).values(row).run()

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
