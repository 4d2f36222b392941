/** @module A tenant's rotated callback secret (one row per tenant, none before the first rotation). */
import { and, eq } from 'drizzle-orm'
import type { Db } from '../client'
import { callbackSecrets } from '../schema'

export type CallbackSecretRow = typeof callbackSecrets.$inferSelect

export const findCallbackSecret = (db: Db, tenantId: string) =>
  db.select().from(callbackSecrets).where(eq(callbackSecrets.tenantId, tenantId)).get()

/**
 * Stores the rotated secret only if the stored one is still `currentSealed` (null: none stored
 * yet), so of two rotations racing each other exactly one wins.
 */
export async function replaceCallbackSecret(
  db: Db,
  tenantId: string,
  currentSealed: string | null,
  next: Omit<CallbackSecretRow, 'tenantId'>
): Promise<boolean> {
  if (currentSealed === null) {
    const inserted = await db
      .insert(callbackSecrets)
      .values({ tenantId, ...next })
      .onConflictDoNothing()
      .run()
    return inserted.meta.changes === 1
  }
  const updated = await db
    .update(callbackSecrets)
    .set(next)
    .where(
      and(eq(callbackSecrets.tenantId, tenantId), eq(callbackSecrets.sealedSecret, currentSealed))
    )
    .run()
  return updated.meta.changes === 1
}
