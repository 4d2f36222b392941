/**
 * @module Provider notifications as received, and the lookups they need. A notification names its
 * payment in the provider's terms; these are the only payment lookups not scoped by a tenant the
 * caller chose, because the tenant is exactly what they find out.
 */
import { and, eq, lt, or } from 'drizzle-orm'
import type { Db } from '../client'
import { payments, providerNotifications, refunds } from '../schema'

export type NotificationRow = typeof providerNotifications.$inferSelect

export const findPaymentByProviderReference = async (
  db: Db,
  provider: string,
  ref: { paymentId?: string; providerPaymentId?: string }
) =>
  !ref.paymentId && !ref.providerPaymentId
    ? undefined
    : db
        .select()
        .from(payments)
        .where(
          and(
            eq(payments.provider, provider),
            or(
              ref.paymentId ? eq(payments.id, ref.paymentId) : undefined,
              ref.providerPaymentId
                ? eq(payments.providerPaymentId, ref.providerPaymentId)
                : undefined
            )
          )
        )
        .get()

/**
 * Records a notification; for a verified one this is also its claim: true when no other copy of
 * it (same provider and dedupe key) was recorded before, so exactly one copy gets applied.
 */
export async function recordNotification(db: Db, row: NotificationRow): Promise<boolean> {
  const result = await db.insert(providerNotifications).values(row).onConflictDoNothing().run()
  return result.meta.changes === 1
}

const byKey = (provider: string, dedupeKey: string) =>
  and(eq(providerNotifications.provider, provider), eq(providerNotifications.dedupeKey, dedupeKey))

export const setNotificationOutcome = (
  db: Db,
  provider: string,
  dedupeKey: string,
  outcome: string
) => db.update(providerNotifications).set({ outcome }).where(byKey(provider, dedupeKey)).run()

/**
 * Takes over a claim whose holder stopped before finishing (a Worker killed mid-apply leaves the
 * row `applying`): true for exactly one caller, and only once the claim is older than `staleBefore`.
 */
export async function takeOverStaleClaim(
  db: Db,
  provider: string,
  dedupeKey: string,
  staleBefore: number,
  now: number
): Promise<boolean> {
  const result = await db
    .update(providerNotifications)
    .set({ receivedAt: now })
    .where(
      and(
        byKey(provider, dedupeKey),
        eq(providerNotifications.outcome, 'applying'),
        lt(providerNotifications.receivedAt, staleBefore)
      )
    )
    .run()
  return result.meta.changes === 1
}

export const findNotificationOutcome = async (db: Db, provider: string, dedupeKey: string) =>
  (
    await db
      .select({ outcome: providerNotifications.outcome })
      .from(providerNotifications)
      .where(byKey(provider, dedupeKey))
      .get()
  )?.outcome

/** Gives a claim back when applying failed, so the provider's retry is applied rather than dropped. */
export const forgetNotification = (db: Db, provider: string, dedupeKey: string) =>
  db.delete(providerNotifications).where(byKey(provider, dedupeKey)).run()

export const findRefund = (db: Db, tenantId: string, id: string) =>
  db
    .select()
    .from(refunds)
    .where(and(eq(refunds.tenantId, tenantId), eq(refunds.id, id)))
    .get()

export const findRefundByProviderId = (db: Db, tenantId: string, providerRefundId: string) =>
  db
    .select()
    .from(refunds)
    .where(and(eq(refunds.tenantId, tenantId), eq(refunds.providerRefundId, providerRefundId)))
    .get()
