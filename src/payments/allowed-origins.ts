/**
 * @module A tenant's allowed callback origins on the payment path: read through KV (written on
 * every change) so creating a payment reads no D1 row for them when warm.
 */
import type { Db } from '../db/client'
import { listCallbackOrigins } from '../db/repos/callback-origins'
import type { AllowedOrigin } from '../domain/origins'

const KV_TTL_SECONDS = 3600
const KV_CACHE_TTL_SECONDS = 60
const kvKeyOf = (tenantId: string) => `origins:${tenantId}`

export const rememberAllowedOrigins = (
  kv: KVNamespace,
  tenantId: string,
  origins: AllowedOrigin[]
) => kv.put(kvKeyOf(tenantId), JSON.stringify(origins), { expirationTtl: KV_TTL_SECONDS })

export async function allowedOriginsOf(
  deps: { db: Db; kv: KVNamespace },
  tenantId: string
): Promise<AllowedOrigin[]> {
  const cached = await deps.kv.get<AllowedOrigin[]>(kvKeyOf(tenantId), {
    type: 'json',
    cacheTtl: KV_CACHE_TTL_SECONDS,
  })
  if (cached) return cached
  const origins = await listCallbackOrigins(deps.db, tenantId)
  await rememberAllowedOrigins(deps.kv, tenantId, origins)
  return origins
}
