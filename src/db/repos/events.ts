/** @module The outbox of payment events and the provider call log: rows written beside a change. */
import { and, asc, eq } from 'drizzle-orm'
import type { Db } from '../client'
import { paymentEvents, providerLogs } from '../schema'

export type PaymentEventRow = typeof paymentEvents.$inferSelect
export type ProviderLogRow = typeof providerLogs.$inferSelect

export const insertEvent = (db: Db, row: PaymentEventRow) => db.insert(paymentEvents).values(row)

export const insertProviderLogs = (db: Db, rows: ProviderLogRow[]) =>
  db.insert(providerLogs).values(rows)

/** A payment's events, oldest first: its history as webhooks announced it. */
export const eventsOfPayment = (db: Db, tenantId: string, paymentId: string, limit: number) =>
  db
    .select()
    .from(paymentEvents)
    .where(and(eq(paymentEvents.tenantId, tenantId), eq(paymentEvents.paymentId, paymentId)))
    .orderBy(asc(paymentEvents.createdAt), asc(paymentEvents.id))
    .limit(limit)
    .all()
