/**
 * @module A tenant's allowed callback origins on the payment path: read through KV (purged on
 * every change) so creating a payment reads no D1 row for them when warm.
 */
import type { Db } from '../db/client'
import { readThrough } from '../db/read-through'
import { listCallbackOrigins } from '../db/repos/callback-origins'
import type { AllowedOrigin } from '../domain/origins'

const KV_TTL_SECONDS = 3600
const KV_CACHE_TTL_SECONDS = 60
const kvKeyOf = (tenantId: string) => `origins:${tenantId}`

/** After every change in D1: the next payment reads the list from D1 again. */
export const forgetAllowedOrigins = (kv: KVNamespace, tenantId: string) =>
  kv.delete(kvKeyOf(tenantId))

export async function allowedOriginsOf(
  deps: { db: Db; kv: KVNamespace },
  tenantId: string
): Promise<AllowedOrigin[]> {
  const cached = await readThrough(
    deps.kv,
    kvKeyOf(tenantId),
    async () => JSON.stringify(await listCallbackOrigins(deps.db, tenantId)),
    { expirationTtl: KV_TTL_SECONDS, cacheTtl: KV_CACHE_TTL_SECONDS }
  )
  return JSON.parse(cached!) as AllowedOrigin[]
}
