/** @module Pages the gateway serves shoppers for a provider: written with the payment, taken once. */
import { and, eq, gt, lte } from 'drizzle-orm'
import type { Db } from '../client'
import { shopperPages } from '../schema'

export type ShopperPageRow = typeof shopperPages.$inferSelect

export const insertShopperPage = (db: Db, row: ShopperPageRow) =>
  db.insert(shopperPages).values(row)

/**
 * Takes the page of this link: deleted as it is read, so of two opens racing exactly one gets it.
 * Undefined when it was taken already, expired, or belongs to another link.
 */
export const takeShopperPage = async (
  db: Db,
  link: { tenantId: string; paymentId: string; tokenId: string },
  now: number
): Promise<ShopperPageRow | undefined> =>
  (
    await db
      .delete(shopperPages)
      .where(
        and(
          eq(shopperPages.paymentId, link.paymentId),
          eq(shopperPages.tenantId, link.tenantId),
          eq(shopperPages.tokenId, link.tokenId),
          gt(shopperPages.expiresAt, now)
        )
      )
      .returning()
  )[0]

/** The cron's clean-up of pages nobody opened. */
export const deleteExpiredShopperPages = async (db: Db, now: number) =>
  (await db.delete(shopperPages).where(lte(shopperPages.expiresAt, now)).run()).meta.changes
