import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import worker from '../../src/index'
import { countingEnv } from '../helpers/counting-env'
import { GATEWAY } from '../helpers/http'
import { createPayingTenant, paymentBody } from '../helpers/payments'
import { createApiKey } from '../helpers/tenant'

describe('the payment hot path', () => {
  it.each(['access token', 'API key'])(
    'creates and risk-scores a warm payment with no D1 read, 1 Durable Object call and 1 D1 batch (%s)',
    async (credential) => {
      const tenant = await createPayingTenant()
      const token = credential === 'API key' ? (await createApiKey(tenant)).key : tenant.token
      const { env, counts } = countingEnv()
      const create = async () => {
        const ctx = createExecutionContext()
        const res = await worker.fetch(
          new Request(`${GATEWAY}/v1/payments/sandbox`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
            body: JSON.stringify(paymentBody()),
          }),
          env,
          ctx
        )
        await waitOnExecutionContext(ctx)
        return { status: res.status, body: await res.json<{ risk?: { decision: string } }>() }
      }
      expect((await create()).status).toBe(201) // warms the caches
      counts.statements.length = 0
      counts.batches = 0
      counts.durableObjectCalls.length = 0

      const warm = await create()
      expect(warm.status).toBe(201)
      // The risk score came back in that one Durable Object call.
      expect(warm.body.risk).toMatchObject({ decision: 'allow' })
      // The sandbox PSP keeps its own books in this D1; those statements are the provider's, not ours.
      const gatewayStatements = counts.statements.filter((sql) => !/sandbox_/.test(sql))
      expect(gatewayStatements).toEqual([])
      expect(counts.statements.length).toBeGreaterThan(0) // the counter does see statements
      expect(counts.batches).toBe(1)
      expect(counts.durableObjectCalls).toEqual(['admit'])
    }
  )
})
