/**
 * Payment-path benchmarks, in workerd through the Worker's own fetch (local D1, KV, Durable
 * Object and the in-Worker sandbox PSP). Targets: a warm direct payment well under 50 ms, a
 * refund under 50 ms, an idempotent replay under 10 ms on one core.
 */
import { bench, describe } from 'vitest'
import { call } from '../test/helpers/http'
import { callWithEnv, createPayingTenant, paymentBody } from '../test/helpers/payments'

const unlimited = callWithEnv({
  TENANT_GLOBAL_RATE_LIMIT: '1000000',
  TENANT_PAYMENT_RATE_LIMIT: '1000000',
  TENANT_REFUND_RATE_LIMIT: '1000000',
  TENANT_STATUS_RATE_LIMIT: '1000000',
})

const tenant = await createPayingTenant()
const replayKey = 'bench-replay'
await unlimited('POST', '/v1/payments/sandbox', {
  token: tenant.token,
  body: paymentBody(),
  headers: { 'Idempotency-Key': replayKey },
})
const paid = await unlimited<{ paymentId: string }>('POST', '/v1/payments/sandbox', {
  token: tenant.token,
  body: paymentBody({ amount: 100000 }),
})

describe('payment path', () => {
  bench('create a direct card payment (sandbox)', async () => {
    await unlimited('POST', '/v1/payments/sandbox', { token: tenant.token, body: paymentBody() })
  })

  bench('replay an Idempotency-Key', async () => {
    await unlimited('POST', '/v1/payments/sandbox', {
      token: tenant.token,
      body: paymentBody(),
      headers: { 'Idempotency-Key': replayKey },
    })
  })

  bench('refund 0.01', async () => {
    await unlimited('POST', '/v1/payments/sandbox/refund', {
      token: tenant.token,
      body: { paymentId: paid.body.paymentId, refundAmount: '0.01' },
    })
  })

  bench('read a payment', async () => {
    await unlimited('GET', `/v1/payments/sandbox/${paid.body.paymentId}`, { token: tenant.token })
  })

  bench('health', async () => {
    await call('GET', '/health')
  })
})
