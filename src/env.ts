/**
 * @module The Worker's configuration: vars parsed once per isolate with zod, and the Hono
 * environment type shared by every route. A malformed var fails loudly instead of becoming NaN.
 */
import { z } from 'zod'
import type { Principal } from './auth/principal'
import type { ScoredAttempt } from './durable-objects/risk-memory'

const perMinute = z.coerce.number().int().positive().max(1_000_000)

const providerEndpoints = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown
    } catch {
      ctx.addIssue({ code: 'custom', message: 'PROVIDER_ENDPOINTS must be JSON' })
      return z.NEVER
    }
  })
  .pipe(z.record(z.string(), z.record(z.enum(['test', 'production']), z.url())))

const varsSchema = z.object({
  APP_URL: z.url().transform((url) => url.replace(/\/+$/, '')),
  TENANT_GLOBAL_RATE_LIMIT: perMinute.default(100),
  TENANT_PAYMENT_RATE_LIMIT: perMinute.default(50),
  TENANT_REFUND_RATE_LIMIT: perMinute.default(20),
  TENANT_STATUS_RATE_LIMIT: perMinute.default(200),
  TENANT_RATE_LIMIT_BURST: z.coerce.number().int().min(0).max(1_000_000).default(10),
  AUTH_IP_RATE_LIMIT: perMinute.default(10),
  RECONCILE_AFTER_SECONDS: z.coerce.number().int().min(30).default(300),
  PENDING_PAYMENT_LIFETIME_SECONDS: z.coerce.number().int().min(60).default(3600),
  RECONCILE_BATCH_SIZE: z.coerce.number().int().min(1).max(500).default(50),
  PROVIDER_LOG_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  PROVIDER_ENDPOINTS: providerEndpoints.default({}),
})

export type Config = z.infer<typeof varsSchema>

const parsed = new WeakMap<Env, Config>()

/** The parsed vars of this `env`; memoised per env object, so tests may pass variations. */
export function configOf(env: Env): Config {
  let config = parsed.get(env)
  if (!config) {
    config = varsSchema.parse(env)
    parsed.set(env, config)
  }
  return config
}

export interface AppVariables {
  requestId: string
  principal: Principal
  /** The id a mutating request creates, reserved with its Idempotency-Key claim. */
  reservedId: string
  /** True when `reservedId` came from an earlier attempt that did not finish. */
  reclaimed: boolean
  /** A payment create's risk score, from the tenant's Durable Object. */
  risk?: ScoredAttempt
  /** The gateway called itself in-process (see `internal-requests.ts`); never true from the network. */
  internalCaller: boolean
}

export type AppEnv = { Bindings: Env; Variables: AppVariables }
