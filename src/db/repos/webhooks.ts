/**
 * @module Webhook endpoints and deliveries of a tenant, and the outbox reads that feed them. A
 * tenant has at most `MAX_ENDPOINTS_PER_MODE` endpoints in each mode.
 */
import { and, asc, desc, eq, gt, gte, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm'
import type { Mode } from '../../auth/principal'
import type { Environment } from '../../providers/types'
import type { Db } from '../client'
import { insertWithinCap } from '../insert-within-cap'
import { paymentEvents, webhookDeliveries, webhookEndpoints } from '../schema'

export type EndpointRow = typeof webhookEndpoints.$inferSelect
export type DeliveryRow = typeof webhookDeliveries.$inferSelect
export type EventRow = typeof paymentEvents.$inferSelect

/** Endpoints per tenant and mode (Stripe allows 16): each one multiplies every event's POSTs. */
export const MAX_ENDPOINTS_PER_MODE = 16

/**
 * Inserts the endpoint unless the tenant already has `MAX_ENDPOINTS_PER_MODE` in its mode. Count
 * and insert are one statement, so creates racing each other cannot end above the cap. Deleted
 * endpoints are gone from the table and so free their place. Returns false when refused.
 */
export async function insertEndpointWithinCap(
  db: Db,
  tenantId: string,
  endpoint: Omit<EndpointRow, 'tenantId'>
): Promise<boolean> {
  return insertWithinCap(
    db,
    webhookEndpoints,
    { ...endpoint, tenantId },
    and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.mode, endpoint.mode)),
    MAX_ENDPOINTS_PER_MODE
  )
}

export const listEndpoints = (db: Db, tenantId: string) =>
  db
    .select()
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.tenantId, tenantId))
    .orderBy(asc(webhookEndpoints.id))
    .all()

export const findEndpoint = (db: Db, tenantId: string, id: string) =>
  db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.id, id)))
    .get()

export const enabledEndpoints = (db: Db, tenantId: string, mode: Mode) =>
  db
    .select()
    .from(webhookEndpoints)
    .where(
      and(
        eq(webhookEndpoints.tenantId, tenantId),
        eq(webhookEndpoints.mode, mode),
        eq(webhookEndpoints.status, 'enabled')
      )
    )
    .all()

export async function deleteEndpoint(db: Db, tenantId: string, id: string): Promise<boolean> {
  const deleted = await db
    .delete(webhookEndpoints)
    .where(and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.id, id)))
    .returning({ id: webhookEndpoints.id })
  return deleted.length === 1
}

export const updateEndpoint = (
  db: Db,
  tenantId: string,
  id: string,
  changes: Partial<EndpointRow>
) =>
  db
    .update(webhookEndpoints)
    .set(changes)
    .where(and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.id, id)))
    .returning()

/**
 * Replaces the signing secret only if it is still `currentSealed`, so of two rotations racing
 * each other exactly one wins and no secret is handed out that never signs.
 */
export const rotateEndpointSecret = (
  db: Db,
  endpoint: EndpointRow,
  changes: Pick<EndpointRow, 'sealedSecret' | 'previousSecretExpiresAt' | 'updatedAt'>
) =>
  db
    .update(webhookEndpoints)
    .set({ ...changes, sealedPreviousSecret: endpoint.sealedSecret })
    .where(
      and(
        eq(webhookEndpoints.tenantId, endpoint.tenantId),
        eq(webhookEndpoints.id, endpoint.id),
        eq(webhookEndpoints.sealedSecret, endpoint.sealedSecret)
      )
    )
    .returning()

/** D1 binds at most 100 values per statement. */
const D1_MAX_BOUND_VALUES = 100

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/** Creates the deliveries that do not exist yet (one per endpoint and event) and returns them all. */
export async function ensureDeliveries(db: Db, rows: DeliveryRow[]): Promise<DeliveryRow[]> {
  if (rows.length === 0) return []
  const tenantId = rows[0]!.tenantId
  const perInsert = Math.floor(D1_MAX_BOUND_VALUES / Object.keys(rows[0]!).length)
  for (const part of chunks(rows, perInsert)) {
    await db.insert(webhookDeliveries).values(part).onConflictDoNothing().run()
  }
  const wanted = new Set(rows.map((r) => `${r.endpointId}|${r.eventId}`))
  const eventIds = [...new Set(rows.map((r) => r.eventId))]
  const found: DeliveryRow[] = []
  for (const part of chunks(eventIds, D1_MAX_BOUND_VALUES - 1)) {
    const stored = await db
      .select()
      .from(webhookDeliveries)
      .where(
        and(eq(webhookDeliveries.tenantId, tenantId), inArray(webhookDeliveries.eventId, part))
      )
      .all()
    found.push(...stored.filter((d) => wanted.has(`${d.endpointId}|${d.eventId}`)))
  }
  return found
}

/**
 * Deliveries to the tenant's endpoints of one mode (an API key's view); no condition without a
 * mode. Deliveries of deleted endpoints are visible to signed-in users only.
 */
const toEndpointsOf = (db: Db, tenantId: string, mode: Mode | undefined) =>
  mode === undefined
    ? undefined
    : inArray(
        webhookDeliveries.endpointId,
        db
          .select({ id: webhookEndpoints.id })
          .from(webhookEndpoints)
          .where(and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.mode, mode)))
      )

export const findDelivery = (db: Db, tenantId: string, id: string, mode?: Mode) =>
  db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.tenantId, tenantId),
        eq(webhookDeliveries.id, id),
        toEndpointsOf(db, tenantId, mode)
      )
    )
    .get()

export const updateDelivery = (
  db: Db,
  tenantId: string,
  id: string,
  changes: Partial<DeliveryRow>
) =>
  db
    .update(webhookDeliveries)
    .set(changes)
    .where(and(eq(webhookDeliveries.tenantId, tenantId), eq(webhookDeliveries.id, id)))
    .run()

/** The values a re-arm binds besides the ids: tenant, status, attempts, next attempt, updated. */
const REARM_BOUND_VALUES = 5

/**
 * Makes deliveries pending again with a fresh retry schedule, one UPDATE per chunk D1 can bind.
 * `afterEach` runs once a chunk is updated and before the next one is, so a caller that queues
 * each chunk there never leaves more than the chunk at hand re-armed but unqueued when it fails.
 */
export async function rearmDeliveries<T extends Pick<DeliveryRow, 'id'>>(
  db: Db,
  tenantId: string,
  deliveries: readonly T[],
  now: number,
  afterEach: (chunk: T[]) => Promise<void>
) {
  for (const part of chunks(deliveries, D1_MAX_BOUND_VALUES - REARM_BOUND_VALUES)) {
    await db
      .update(webhookDeliveries)
      .set({ status: 'pending', attempts: 0, nextAttemptAt: now, updatedAt: now })
      .where(
        and(
          eq(webhookDeliveries.tenantId, tenantId),
          inArray(
            webhookDeliveries.id,
            part.map((d) => d.id)
          )
        )
      )
      .run()
    await afterEach(part)
  }
}

export interface DeliveryFilter {
  status?: DeliveryRow['status']
  endpointId?: string
  eventType?: string
  before?: string
  /** Only deliveries to endpoints of this mode. */
  mode?: Mode
  limit: number
}

export const listDeliveries = (db: Db, tenantId: string, f: DeliveryFilter) =>
  db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.tenantId, tenantId),
        f.status ? eq(webhookDeliveries.status, f.status) : undefined,
        f.endpointId ? eq(webhookDeliveries.endpointId, f.endpointId) : undefined,
        f.eventType ? eq(webhookDeliveries.eventType, f.eventType) : undefined,
        f.before ? lt(webhookDeliveries.id, f.before) : undefined,
        toEndpointsOf(db, tenantId, f.mode)
      )
    )
    .orderBy(desc(webhookDeliveries.id))
    .limit(f.limit)
    .all()

/** Deliveries whose queue message seems lost: still pending long after their attempt was due. */
export const overdueDeliveries = (db: Db, dueBefore: number, limit: number) =>
  db
    .select({ id: webhookDeliveries.id, tenantId: webhookDeliveries.tenantId })
    .from(webhookDeliveries)
    .where(
      and(eq(webhookDeliveries.status, 'pending'), lte(webhookDeliveries.nextAttemptAt, dueBefore))
    )
    .limit(limit)
    .all()

export const findEvent = (db: Db, tenantId: string, id: string) =>
  db
    .select()
    .from(paymentEvents)
    .where(and(eq(paymentEvents.tenantId, tenantId), eq(paymentEvents.id, id)))
    .get()

export const undispatchedEventsOf = (db: Db, tenantId: string, paymentId: string) =>
  db
    .select()
    .from(paymentEvents)
    .where(
      and(
        eq(paymentEvents.tenantId, tenantId),
        eq(paymentEvents.paymentId, paymentId),
        isNull(paymentEvents.dispatchedAt)
      )
    )
    .orderBy(asc(paymentEvents.id))
    .all()

export async function markDispatched(db: Db, tenantId: string, ids: string[], now: number) {
  for (const part of chunks(ids, D1_MAX_BOUND_VALUES - 2)) {
    await db
      .update(paymentEvents)
      .set({ dispatchedAt: now })
      .where(and(eq(paymentEvents.tenantId, tenantId), inArray(paymentEvents.id, part)))
      .run()
  }
}

/** Payments with events that were written but never fanned out (their queue message was lost). */
export const paymentsWithUndispatchedEvents = (db: Db, createdBefore: number, limit: number) =>
  db
    .selectDistinct({ tenantId: paymentEvents.tenantId, paymentId: paymentEvents.paymentId })
    .from(paymentEvents)
    .where(and(isNull(paymentEvents.dispatchedAt), lt(paymentEvents.createdAt, createdBefore)))
    .limit(limit)
    .all()

/**
 * Where a replay resumes: events strictly after (`from`, `after`) in (created_at, id) order, or,
 * without `after`, every event from `from` on. Ids break ties between events of one millisecond.
 */
export interface EventPosition {
  from: number
  after?: string
}

/** A tenant's events from `position` until `to` (exclusive), oldest first. */
export const eventsInRange = (
  db: Db,
  tenantId: string,
  position: EventPosition,
  to: number,
  limit: number,
  /** Only events of payments in this environment (an API key's mode). */
  environment?: Environment
) =>
  db
    .select()
    .from(paymentEvents)
    .where(
      and(
        eq(paymentEvents.tenantId, tenantId),
        environment === undefined
          ? undefined
          : sql`json_extract(${paymentEvents.data}, '$.environment') = ${environment}`,
        gte(paymentEvents.createdAt, position.from),
        position.after === undefined
          ? undefined
          : or(gt(paymentEvents.createdAt, position.from), gt(paymentEvents.id, position.after)),
        lt(paymentEvents.createdAt, to)
      )
    )
    .orderBy(asc(paymentEvents.createdAt), asc(paymentEvents.id))
    .limit(limit)
    .all()
