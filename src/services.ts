/**
 * @module The per-deployment services, built once per `env`: the drizzle client, KV, the parsed
 * vars, the clock, the keyring, the tenant guard and the webhook announcer. The routes, the cron
 * and the queue consumer share them, and pass narrow pieces on to the use cases, repos and auth.
 */

import { type Keyring, loadKeyringOf } from './crypto/keyring'
import { createDb, type Db } from './db/client'
import { resilientKv } from './db/resilient-kv'
import type { TenantGuard } from './durable-objects/tenant-guard'
import { type Config, configOf } from './env'
import { ApiError } from './errors'
import type { QueueMessage } from './queues/messages'

export interface Services {
  db: Db
  kv: KVNamespace
  config: Config
  now: () => number
  /** The derived keys; a 503 `service_not_configured` when the master secret is absent or bad. */
  keyring: () => Promise<Keyring>
  guard: (name: string) => DurableObjectStub<TenantGuard>
  /**
   * Queues the fan-out of a payment's new events to the tenant's webhook endpoints. A lost send is
   * not lost for good: the cron sweeper finds events that were never dispatched.
   */
  announce: (tenantId: string, paymentId: string) => Promise<void>
}

const built = new WeakMap<Env, Services>()

export function servicesOf(env: Env): Services {
  let services = built.get(env)
  if (!services) {
    services = {
      db: createDb(env.DB),
      kv: resilientKv(env.KV),
      config: configOf(env),
      now: () => Date.now(),
      keyring: () => {
        const keyring = loadKeyringOf(env)
        if (typeof keyring === 'string') {
          throw new ApiError(
            'service_not_configured',
            `The gateway's CONFIG_ENCRYPTION_KEY secret is ${keyring}; an operator must set it (see GET /health).`
          )
        }
        return keyring
      },
      guard: (name) => env.TENANT_GUARD.get(env.TENANT_GUARD.idFromName(name)),
      announce: async (tenantId, paymentId) => {
        try {
          await env.WEBHOOKS.send({ kind: 'dispatch', tenantId, paymentId } satisfies QueueMessage)
        } catch (error) {
          console.error(
            JSON.stringify({ event: 'announce_failed', paymentId, error: String(error) })
          )
        }
      },
    }
    built.set(env, services)
  }
  return services
}
