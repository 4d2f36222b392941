/** @module The sandbox PSP's records in D1, always scoped by merchant. */
import { and, eq, sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { sandboxCharges, sandboxRefunds } from '../../../db/schema'
import type { ChargeStatus } from '../mapping'

export type Charge = typeof sandboxCharges.$inferSelect

export const findCharge = (db: Db, merchantId: string, id: string) =>
  db
    .select()
    .from(sandboxCharges)
    .where(and(eq(sandboxCharges.merchantId, merchantId), eq(sandboxCharges.id, id)))
    .get()

/** Only for the shopper-facing 3-D Secure page, which knows the charge id and nothing else. */
export const findChargeForShopper = (db: Db, id: string) =>
  db.select().from(sandboxCharges).where(eq(sandboxCharges.id, id)).get()

export const findChargeByReference = (db: Db, merchantId: string, reference: string) =>
  db
    .select()
    .from(sandboxCharges)
    .where(and(eq(sandboxCharges.merchantId, merchantId), eq(sandboxCharges.reference, reference)))
    .get()

/** Inserts unless the reference exists; returns the charge stored under the reference. */
export async function insertCharge(db: Db, charge: Charge): Promise<Charge> {
  await db.insert(sandboxCharges).values(charge).onConflictDoNothing().run()
  return (await findChargeByReference(db, charge.merchantId, charge.reference))!
}

/** Moves a charge from one status to another; false when it was no longer in `from`. */
export async function transitionCharge(
  db: Db,
  id: string,
  from: ChargeStatus,
  to: ChargeStatus,
  changes: Partial<Pick<Charge, 'capturedMinor' | 'declineCode' | 'settlesAt'>>,
  now: number
): Promise<boolean> {
  const result = await db
    .update(sandboxCharges)
    .set({ status: to, ...changes, updatedAt: now })
    .where(and(eq(sandboxCharges.id, id), eq(sandboxCharges.status, from)))
    .run()
  return result.meta.changes === 1
}

/** Adds a refund if the captured amount still covers it; false when it would exceed it. */
export async function addRefund(
  db: Db,
  charge: Charge,
  refund: { id: string; reference: string; amountMinor: number },
  now: number
): Promise<boolean> {
  const reserved = await db
    .update(sandboxCharges)
    .set({
      refundedMinor: sql`${sandboxCharges.refundedMinor} + ${refund.amountMinor}`,
      updatedAt: now,
    })
    .where(
      and(
        eq(sandboxCharges.id, charge.id),
        eq(sandboxCharges.status, 'succeeded'),
        sql`${sandboxCharges.refundedMinor} + ${refund.amountMinor} <= ${sandboxCharges.capturedMinor}`
      )
    )
    .run()
  if (reserved.meta.changes !== 1) return false
  await db
    .insert(sandboxRefunds)
    .values({ ...refund, chargeId: charge.id, merchantId: charge.merchantId, createdAt: now })
    .run()
  return true
}

export const findRefundByReference = (db: Db, merchantId: string, reference: string) =>
  db
    .select()
    .from(sandboxRefunds)
    .where(and(eq(sandboxRefunds.merchantId, merchantId), eq(sandboxRefunds.reference, reference)))
    .get()
