/**
 * @module `GET /health`: whether D1, KV and the Durable Object answer and the master secret is
 * usable. It names problems, never values.
 */
import { z } from '@hono/zod-openapi'
import { parseMasterKey } from '../../crypto/keyring'
import { route } from '../access'
import { createRouter, jsonResponse } from '../openapi'
import { servicesOf } from '../services'

const Check = z.object({ ok: z.boolean(), problem: z.string().optional() })

const HealthResponse = z
  .object({
    status: z.enum(['ok', 'degraded']),
    checks: z.object({ database: Check, kv: Check, durableObject: Check, encryptionKey: Check }),
  })
  .openapi('Health')

const working = { ok: true }

const health = route('public', {
  method: 'get',
  path: '/health',
  tags: ['Operations'],
  summary: 'Liveness of every binding and the presence of the master secret',
  responses: {
    200: jsonResponse(HealthResponse, 'Everything works.', {
      example: {
        status: 'ok',
        checks: { database: working, kv: working, durableObject: working, encryptionKey: working },
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

export const healthRoutes = createRouter().openapi(health, async (c) => {
  const { guard } = servicesOf(c.env)
  const master = parseMasterKey(c.env.CONFIG_ENCRYPTION_KEY)
  const [database, kv, durableObject] = await Promise.all([
    probe(() => c.env.DB.prepare('SELECT 1').first()),
    probe(() => c.env.KV.get('health:probe')),
    probe(() => guard('health').ping()),
  ])
  const encryptionKey =
    typeof master === 'string'
      ? { ok: false, problem: `CONFIG_ENCRYPTION_KEY is ${master} (32 bytes, base64 or hex)` }
      : { ok: true }
  const checks = { database, kv, durableObject, encryptionKey }
  const healthy = Object.values(checks).every((check) => check.ok)
  return c.json(
    { status: healthy ? ('ok' as const) : ('degraded' as const), checks },
    healthy ? 200 : 503
  )
})
