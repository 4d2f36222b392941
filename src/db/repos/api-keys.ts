/** @module API keys of a tenant: stored as SHA-256 hashes with a display prefix and last 4. */
import { and, desc, eq, isNull, sql } from 'drizzle-orm'
import type { Db } from '../client'
import { apiKeys } from '../schema'

export type ApiKeyRow = typeof apiKeys.$inferSelect

export const insertApiKey = (db: Db, row: ApiKeyRow) => db.insert(apiKeys).values(row).run()

export const listApiKeys = (db: Db, tenantId: string) =>
  db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.tenantId, tenantId), isNull(apiKeys.revokedAt)))
    .orderBy(desc(apiKeys.createdAt))
    .all()

/** Not tenant-scoped on purpose: this is how a presented key finds its tenant. */
export const findActiveApiKeyByHash = (db: Db, keyHash: string) =>
  db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt)))
    .get()

/**
 * Revokes one of the tenant's keys; a key already revoked keeps its time, so a retry after a failed
 * cache purge can purge again. Returns its hash, or undefined when it is not theirs.
 */
export async function revokeApiKey(db: Db, tenantId: string, id: string, now: number) {
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: sql`coalesce(${apiKeys.revokedAt}, ${now})` })
    .where(and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.id, id)))
    .returning({ keyHash: apiKeys.keyHash })
  return row?.keyHash
}
