/**
 * @module Provider notifications as received, and the lookups they need. A notification names its
 * payment in the provider's terms; these are the only payment lookups not scoped by a tenant the
 * caller chose, because the tenant is exactly what they find out.
 */
import { and, eq, or } from 'drizzle-orm'
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

export const findNotification = (db: Db, provider: string, dedupeKey: string) =>
  db
    .select({ id: providerNotifications.id })
    .from(providerNotifications)
    .where(
      and(
        eq(providerNotifications.provider, provider),
        eq(providerNotifications.dedupeKey, dedupeKey)
      )
    )
    .get()

export const recordNotification = (db: Db, row: NotificationRow) =>
  db.insert(providerNotifications).values(row).onConflictDoNothing().run()

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
