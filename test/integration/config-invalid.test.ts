/**
 * A deployment with a malformed var: `/health` names the var and the problem, every other route
 * answers 503 `config_invalid` naming it, the cron and the queue consumer log which var it is, and
 * no answer or log holds the var's value (it may be a secret) or a stack.
 */
import { createExecutionContext, createMessageBatch, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { configProblemsOf } from '../../src/env'
import worker from '../../src/index'
import { consumeQueue } from '../../src/queues/consumer'
import { runScheduledJobs } from '../../src/scheduled'
import { GATEWAY } from '../helpers/http'
import { createTestTenant } from '../helpers/tenant'

const BROKEN = [
  { name: 'PROVIDER_ENDPOINTS', value: '{not json', problem: /JSON/ },
  { name: 'TENANT_PAYMENT_RATE_LIMIT', value: 'abc', problem: /number/ },
  { name: 'APP_URL', value: 'gateway-without-scheme.example', problem: /URL/ },
] as const

type Broken = (typeof BROKEN)[number]

const envWith = ({ name, value }: Broken) => ({ ...env, [name]: value }) as Env

async function fetchWith(brokenEnv: Env, path: string, token?: string) {
  const ctx = createExecutionContext()
  const res = await worker.fetch(
    new Request(`${GATEWAY}${path}`, {
      headers: token ? { Authorization: `Bearer ${token}` } : {},
    }),
    brokenEnv,
    ctx
  )
  await waitOnExecutionContext(ctx)
  return { status: res.status, text: await res.text() }
}

function expectNothingLeaked(text: string, broken: Broken) {
  expect(text).not.toContain(broken.value)
  expect(text).not.toMatch(/ZodError|\n\s+at /)
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe.each(BROKEN)('a malformed $name', (broken) => {
  it('makes /health answer 503 naming the var and the problem', async () => {
    const { status, text } = await fetchWith(envWith(broken), '/health')
    expect(status).toBe(503)
    const body = JSON.parse(text)
    expect(body.status).toBe('degraded')
    expect(body.checks.config).toEqual({
      ok: false,
      problem: expect.stringContaining(broken.name),
      vars: [{ var: broken.name, problem: expect.stringMatching(broken.problem) }],
    })
    // The bindings themselves still work, and health says so.
    expect(body.checks.database).toEqual({ ok: true })
    expectNothingLeaked(text, broken)
  })

  it('makes public and authenticated routes answer 503 config_invalid naming the var', async () => {
    const tenant = await createTestTenant()
    for (const [path, token] of [
      ['/v1/providers', undefined],
      ['/v1/config/tenant', tenant.token],
    ] as const) {
      const { status, text } = await fetchWith(envWith(broken), path, token)
      expect(status, path).toBe(503)
      const body = JSON.parse(text)
      expect(body.error).toMatchObject({
        code: 'config_invalid',
        message: expect.stringContaining(broken.name),
        details: [{ var: broken.name, problem: expect.stringMatching(broken.problem) }],
      })
      expectNothingLeaked(text, broken)
    }
  })

  it('makes the cron skip its jobs with one log line naming the var', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    const infos = vi.spyOn(console, 'info').mockImplementation(() => {})
    await runScheduledJobs(envWith(broken), Date.now())
    expect(infos).not.toHaveBeenCalled() // no job ran
    expect(errors).toHaveBeenCalledTimes(1)
    const line = String(errors.mock.calls[0]![0])
    expect(JSON.parse(line)).toMatchObject({
      event: 'cron_skipped',
      reason: 'config_invalid',
      problems: [{ var: broken.name }],
    })
    expectNothingLeaked(line, broken)
  })

  it('makes the queue consumer log the var and throw, so the batch is retried', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    const batch = createMessageBatch('gopay-webhooks', [
      {
        id: 'c1',
        timestamp: new Date(),
        attempts: 1,
        body: { kind: 'dispatch', tenantId: 't', paymentId: 'p' },
      },
    ])
    const consumed = consumeQueue(batch, envWith(broken), {
      fetch: async () => new Response(null, { status: 500 }),
      gateway: async () => new Response(null, { status: 500 }),
      now: () => Date.now(),
    })
    await expect(consumed).rejects.toMatchObject({ code: 'config_invalid' })
    expect(errors).toHaveBeenCalledTimes(1)
    const line = String(errors.mock.calls[0]![0])
    expect(JSON.parse(line)).toMatchObject({
      event: 'queue_batch_failed',
      reason: 'config_invalid',
      problems: [{ var: broken.name }],
    })
    expectNothingLeaked(line, broken)
  })
})

describe('a valid configuration', () => {
  it('keeps /health ok, with the config check among the others', async () => {
    const { status, text } = await fetchWith(env, '/health')
    expect(status).toBe(200)
    expect(JSON.parse(text).checks.config).toEqual({ ok: true })
  })

  it('accepts PROVIDER_ENDPOINTS for one environment only, as the README shows it', () => {
    const endpoints = '{"gopay":{"test":"http://127.0.0.1:8790/gopay/api"}}'
    expect(configProblemsOf({ ...env, PROVIDER_ENDPOINTS: endpoints } as Env)).toEqual([])
  })
})
