/** @module The origins a tenant allows as merchant callback targets. */
import { eq } from 'drizzle-orm'
import type { AllowedOrigin } from '../../domain/origins'
import type { Db } from '../client'
import { callbackOrigins } from '../schema'

export const listCallbackOrigins = (db: Db, tenantId: string): Promise<AllowedOrigin[]> =>
  db
    .select({ origin: callbackOrigins.origin, testOnly: callbackOrigins.testOnly })
    .from(callbackOrigins)
    .where(eq(callbackOrigins.tenantId, tenantId))
    .orderBy(callbackOrigins.origin)
    .all()

/** Replaces the tenant's whole list in one transaction. */
export async function replaceCallbackOrigins(
  db: Db,
  tenantId: string,
  origins: AllowedOrigin[],
  now: number
) {
  const remove = db.delete(callbackOrigins).where(eq(callbackOrigins.tenantId, tenantId))
  if (origins.length === 0) {
    await remove.run()
    return
  }
  await db.batch([
    remove,
    db.insert(callbackOrigins).values(origins.map((o) => ({ tenantId, ...o, createdAt: now }))),
  ])
}
