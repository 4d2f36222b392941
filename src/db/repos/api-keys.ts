/**
 * @module API keys of a tenant: stored as SHA-256 hashes with a display prefix and last 4. A tenant
 * has at most `MAX_ACTIVE_API_KEYS_PER_MODE` unrevoked keys in each mode.
 */
import { and, desc, eq, isNull, sql } from 'drizzle-orm'
import type { Db } from '../client'
import { insertWithinCap } from '../insert-within-cap'
import { apiKeys } from '../schema'

export type ApiKeyRow = typeof apiKeys.$inferSelect

/** Active keys per tenant and mode: enough for every server, few enough to audit and rotate. */
export const MAX_ACTIVE_API_KEYS_PER_MODE = 20

/**
 * Inserts the key unless the tenant already has `MAX_ACTIVE_API_KEYS_PER_MODE` unrevoked keys in its
 * mode. Count and insert are one statement, so creates racing each other cannot end above the cap.
 * Returns false when refused.
 */
export async function insertApiKeyWithinCap(
  db: Db,
  tenantId: string,
  key: Omit<ApiKeyRow, 'tenantId'>
): Promise<boolean> {
  return insertWithinCap(
    db,
    apiKeys,
    { ...key, tenantId },
    and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.mode, key.mode), isNull(apiKeys.revokedAt)),
    MAX_ACTIVE_API_KEYS_PER_MODE
  )
}

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
