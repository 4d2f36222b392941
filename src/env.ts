/**
 * @module The Worker's configuration: vars parsed once per env object with zod, and the Hono
 * environment type shared by every route. A malformed var does not become NaN: it is reported by
 * name and problem, never by value (a 503 `config_invalid`, and `GET /health`).
 */
import * as z from 'zod'
import type { Principal } from './auth/principal'
import type { ScoredAttempt } from './durable-objects/risk-memory'
import { ApiError } from './errors'

const perMinute = z.coerce.number().int().positive().max(1_000_000)

const providerEndpoints = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown
    } catch {
      // Not the SyntaxError's message: it may quote the value.
      ctx.addIssue({ code: 'custom', message: 'not valid JSON' })
      return z.NEVER
    }
  })
  .pipe(z.record(z.string(), z.partialRecord(z.enum(['test', 'production']), z.url())))

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

/** One malformed var and what is wrong with it; never its value, which may be a secret. */
export interface ConfigProblem {
  var: string
  problem: string
}

type ParsedVars = { ok: true; config: Config } | { ok: false; problems: ConfigProblem[] }

const parsed = new WeakMap<Env, ParsedVars>()

function problemOf(issue: z.core.$ZodIssue): ConfigProblem {
  const [name, ...within] = issue.path.map(String)
  const where = within.length > 0 ? `${within.join('.')}: ` : ''
  // zod's messages name the expected type or bound, never the input.
  return { var: name ?? '(vars)', problem: `${where}${issue.message}` }
}

function parseVars(env: Env): ParsedVars {
  let result = parsed.get(env)
  if (!result) {
    const outcome = varsSchema.safeParse(env)
    result = outcome.success
      ? { ok: true, config: outcome.data }
      : { ok: false, problems: outcome.error.issues.map(problemOf) }
    parsed.set(env, result)
  }
  return result
}

/** What is wrong with this `env`'s vars; empty when they are all usable. */
export function configProblemsOf(env: Env): ConfigProblem[] {
  const result = parseVars(env)
  return result.ok ? [] : result.problems
}

export const describeConfigProblems = (problems: ConfigProblem[]) =>
  problems.map((p) => `${p.var}: ${p.problem}`).join('; ')

/** The 503 `config_invalid` that names each malformed var and its problem. */
export function invalidConfigError(problems: ConfigProblem[]): ApiError {
  const what = describeConfigProblems(problems)
  return new ApiError(
    'config_invalid',
    `The gateway's configuration is invalid (${what}); an operator must fix it (see GET /health).`,
    problems
  )
}

/**
 * The parsed vars of this `env`; memoised per env object, so tests may pass variations. Throws
 * `invalidConfigError` when a var is malformed.
 */
export function configOf(env: Env): Config {
  const result = parseVars(env)
  if (!result.ok) throw invalidConfigError(result.problems)
  return result.config
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
