/**
 * @module Sending again on request: one delivery (same `webhook-id`, so receivers can tell it is
 * the same message), or every event of a time range to the tenant's matching endpoints.
 */
import { environmentOfMode, type Mode } from '../auth/principal'
import {
  type DeliveryRow,
  type EventPosition,
  type EventRow,
  enabledEndpoints,
  ensureDeliveries,
  eventsInRange,
  findDelivery,
  rearmDeliveries,
} from '../db/repos/webhooks'
import { type DispatchDeps, enqueueDeliveries, modeOf, newDelivery, wantsEvent } from './dispatch'

export const REPLAY_MAX_EVENTS = 1000
/**
 * With many endpoints one event makes many deliveries; this keeps a call's D1 queries (about one
 * per 7 deliveries inserted) far below D1's 1,000 per Worker invocation.
 */
export const REPLAY_MAX_DELIVERIES = 2000

/** Without a mode (a signed-in user) every delivery of the tenant; with one, that mode's. */
export async function resendDelivery(
  deps: DispatchDeps,
  tenantId: string,
  id: string,
  mode?: Mode
): Promise<DeliveryRow | undefined> {
  const delivery = await findDelivery(deps.db, tenantId, id, mode)
  if (!delivery) return undefined
  await rearmDeliveries(deps.db, tenantId, [delivery], deps.now(), (chunk) =>
    enqueueDeliveries(deps.queue, chunk)
  )
  return findDelivery(deps.db, tenantId, id)
}

export interface ReplayRange extends EventPosition {
  to: number
  endpointId?: string
  mode?: Mode
}

export interface ReplayResult {
  events: number
  deliveries: number
  /** Where the next call resumes (the last event replayed); undefined when the range is done. */
  next?: { from: number; after: string }
}

export async function replayRange(
  deps: DispatchDeps,
  tenantId: string,
  range: ReplayRange
): Promise<ReplayResult> {
  const events = await eventsInRange(
    deps.db,
    tenantId,
    range,
    range.to,
    REPLAY_MAX_EVENTS + 1,
    range.mode && environmentOfMode(range.mode)
  )
  const now = deps.now()
  const endpointsOf = async (mode: Mode) =>
    range.mode === undefined || range.mode === mode
      ? (await enabledEndpoints(deps.db, tenantId, mode)).filter(
          (e) => range.endpointId === undefined || e.id === range.endpointId
        )
      : []
  const endpoints = { test: await endpointsOf('test'), live: await endpointsOf('live') }
  const chosen: EventRow[] = []
  const rows: DeliveryRow[] = []
  for (const event of events.slice(0, REPLAY_MAX_EVENTS)) {
    const wanted = endpoints[modeOf(event)].filter((endpoint) => wantsEvent(endpoint, event.type))
    // Always at least one event, so that following `next` always moves on.
    if (chosen.length > 0 && rows.length + wanted.length > REPLAY_MAX_DELIVERIES) break
    chosen.push(event)
    rows.push(...wanted.map((endpoint) => newDelivery(endpoint, event, now)))
  }
  const deliveries = await ensureDeliveries(deps.db, rows)
  await rearmDeliveries(deps.db, tenantId, deliveries, now, (chunk) =>
    enqueueDeliveries(deps.queue, chunk)
  )
  const last = chosen.at(-1)
  const truncated = chosen.length < events.length
  return {
    events: chosen.length,
    deliveries: deliveries.length,
    next: truncated && last ? { from: last.createdAt, after: last.id } : undefined,
  }
}
