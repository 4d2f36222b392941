/**
 * @module Reading the provider call log (`GET /v1/logs/{provider}`) and keeping it to its
 * retention. Every read is one tenant's and one provider's, newest first by id, through the
 * `(tenant_id, provider, created_at)`, `(tenant_id, payment_id)` or `(tenant_id, request_id)`
 * index; the retention job deletes by `created_at` in bounded batches.
 */
import { and, desc, eq, gte, inArray, isNull, lt, or, sql } from 'drizzle-orm'
import type { Environment } from '../../providers/types'
import type { Db } from '../client'
import { providerLogs } from '../schema'

export interface ProviderLogFilter {
  environment?: Environment
  paymentId?: string
  requestId?: string
  /** The provider's HTTP status. */
  status?: number
  /** Calls that failed: no answer, a 4xx or 5xx, or an outcome other than success. */
  errorsOnly?: boolean
  from?: number
  to?: number
  /** The last id of the previous page. */
  before?: string
  limit: number
}

const FAILED = or(
  isNull(providerLogs.httpStatus),
  gte(providerLogs.httpStatus, 400),
  inArray(providerLogs.outcome, ['declined', 'rejected', 'unknown'])
)

export const listProviderLogs = (
  db: Db,
  tenantId: string,
  provider: string,
  f: ProviderLogFilter
) =>
  db
    .select()
    .from(providerLogs)
    .where(
      and(
        eq(providerLogs.tenantId, tenantId),
        eq(providerLogs.provider, provider),
        f.environment ? eq(providerLogs.environment, f.environment) : undefined,
        f.paymentId ? eq(providerLogs.paymentId, f.paymentId) : undefined,
        f.requestId ? eq(providerLogs.requestId, f.requestId) : undefined,
        f.status !== undefined ? eq(providerLogs.httpStatus, f.status) : undefined,
        f.errorsOnly ? FAILED : undefined,
        f.from !== undefined ? gte(providerLogs.createdAt, f.from) : undefined,
        f.to !== undefined ? lt(providerLogs.createdAt, f.to) : undefined,
        f.before ? lt(providerLogs.id, f.before) : undefined
      )
    )
    .orderBy(desc(providerLogs.id))
    .limit(f.limit)
    .all()

/** Deletes up to `batch` rows older than `before`; the number deleted. */
export async function deleteProviderLogsBefore(db: Db, before: number, batch: number) {
  const result = await db
    .delete(providerLogs)
    .where(
      inArray(
        providerLogs.id,
        sql`(SELECT ${providerLogs.id} FROM ${providerLogs} WHERE ${providerLogs.createdAt} < ${before} LIMIT ${batch})`
      )
    )
    .run()
  return result.meta.changes
}
