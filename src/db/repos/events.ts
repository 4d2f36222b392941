/** @module The outbox of payment events and the provider call log: rows written beside a change. */
import type { Db } from '../client'
import { paymentEvents, providerLogs } from '../schema'

export type PaymentEventRow = typeof paymentEvents.$inferSelect
export type ProviderLogRow = typeof providerLogs.$inferSelect

export const insertEvent = (db: Db, row: PaymentEventRow) => db.insert(paymentEvents).values(row)

export const insertProviderLogs = (db: Db, rows: ProviderLogRow[]) =>
  db.insert(providerLogs).values(rows)
