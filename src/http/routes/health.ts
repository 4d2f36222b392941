/**
 * @module `GET /health`: whether D1, KV and the Durable Object answer, the master secret is usable
 * and every var is well-formed. It names problems, never values. It is the one route that still
 * answers while a var is malformed, so it reads the bindings directly rather than through
 * `servicesOf`.
 */

import { loadKeyringOf, parseMasterKey } from '../../crypto/keyring'
import { rotationProgress } from '../../db/key-rotation'
import { configProblemsOf, describeConfigProblems } from '../../env'
import { route } from '../access'
import { createRouter, jsonResponse } from '../openapi'
import * as z from '../openapi-zod'

const Check = z.object({ ok: z.boolean(), problem: z.string().optional() })

const ConfigCheck = Check.extend({
  vars: z
    .array(z.object({ var: z.string(), problem: z.string() }))
    .optional()
    .openapi({ description: 'Each malformed var and what is wrong with it; never its value.' }),
})

const KeyCheck = Check.extend({
  rotation: z.object({ remaining: z.number().int() }).optional().openapi({
    description:
      'While `CONFIG_ENCRYPTION_KEY_PREVIOUS` is set: values the cron has still to seal again under the new key. At 0 the previous secret can be deleted.',
  }),
})

const HealthResponse = z
  .object({
    status: z.enum(['ok', 'degraded']),
    checks: z.object({
      database: Check,
      kv: Check,
      durableObject: Check,
      encryptionKey: KeyCheck,
      config: ConfigCheck,
    }),
  })
  .openapi('Health')

const working = { ok: true }

const health = route('public', {
  method: 'get',
  path: '/health',
  tags: ['Operations'],
  summary: 'Liveness of every binding, the presence of the master secret and well-formed vars',
  responses: {
    200: jsonResponse(HealthResponse, 'Everything works.', {
      example: {
        status: 'ok',
        checks: {
          database: working,
          kv: working,
          durableObject: working,
          encryptionKey: working,
          config: working,
        },
      },
    }),
    503: jsonResponse(HealthResponse, 'Something is missing or down; `checks` says what.', {
      example: {
        status: 'degraded',
        checks: {
          database: working,
          kv: { ok: false, problem: 'unreachable' },
          durableObject: working,
          encryptionKey: working,
          config: {
            ok: false,
            problem: 'TENANT_PAYMENT_RATE_LIMIT: Invalid input: expected number, received NaN',
            vars: [
              {
                var: 'TENANT_PAYMENT_RATE_LIMIT',
                problem: 'Invalid input: expected number, received NaN',
              },
            ],
          },
        },
      },
    }),
  },
})

async function probe(run: () => Promise<unknown>): Promise<z.infer<typeof Check>> {
  try {
    await run()
    return { ok: true }
  } catch (error) {
    console.error(JSON.stringify({ event: 'health_check_failed', error: String(error) }))
    return { ok: false, problem: 'unreachable' }
  }
}

function configCheck(env: Env): z.infer<typeof ConfigCheck> {
  const problems = configProblemsOf(env)
  if (problems.length === 0) return { ok: true }
  return { ok: false, problem: describeConfigProblems(problems), vars: problems }
}

/** A working key, and during a rotation how much is still sealed under the previous one. */
async function rotationCheck(env: Env): Promise<z.infer<typeof KeyCheck>> {
  const keyring = loadKeyringOf(env)
  if (typeof keyring === 'string')
    return { ok: false, problem: `CONFIG_ENCRYPTION_KEY is ${keyring}` }
  const keys = await keyring
  if (!keys.previous) return { ok: true }
  try {
    return { ok: true, rotation: { remaining: (await rotationProgress(env.DB, keys)).remaining } }
  } catch (error) {
    console.error(JSON.stringify({ event: 'health_check_failed', error: String(error) }))
    return { ok: true }
  }
}

export const healthRoutes = createRouter().openapi(health, async (c) => {
  const guard = c.env.TENANT_GUARD.get(c.env.TENANT_GUARD.idFromName('health'))
  const master = parseMasterKey(c.env.CONFIG_ENCRYPTION_KEY)
  const [database, kv, durableObject] = await Promise.all([
    probe(() => c.env.DB.prepare('SELECT 1').first()),
    probe(() => c.env.KV.get('health:probe')),
    probe(() => guard.ping()),
  ])
  const encryptionKey =
    typeof master === 'string'
      ? { ok: false, problem: `CONFIG_ENCRYPTION_KEY is ${master} (32 bytes, base64 or hex)` }
      : await rotationCheck(c.env)
  const checks = { database, kv, durableObject, encryptionKey, config: configCheck(c.env) }
  const healthy = Object.values(checks).every((check) => check.ok)
  return c.json(
    { status: healthy ? ('ok' as const) : ('degraded' as const), checks },
    healthy ? 200 : 503
  )
})
