import { Webhook } from 'standardwebhooks'
import { describe, expect, it } from 'vitest'
import { SIMULATORS_ORIGIN } from '../conformance/simulators'
import { call, type ErrorBody } from '../helpers/http'
import { createTestTenant } from '../helpers/tenant'

interface TestResult {
  webhookId: string
  delivered: boolean
  statusCode: number | null
  error: string | null
}

/** A receiver in the simulators' process (`/merchant/hooks/<name>`): what reached it so far. */
const receivedAt = async (name: string) =>
  (
    await (
      await fetch(`${SIMULATORS_ORIGIN}/merchant/__sim/received?merchant=${name}`)
    ).json<{ received: { headers: Record<string, string>; body: string }[] }>()
  ).received

async function endpointAt(url: string) {
  const tenant = await createTestTenant()
  const created = await call<{ secret: string; endpoint: { id: string } }>(
    'POST',
    '/v1/config/webhooks',
    { token: tenant.token, body: { url, mode: 'test' } }
  )
  return { tenant, id: created.body.endpoint.id, secret: created.body.secret }
}

describe('a test event for a webhook endpoint', () => {
  it('arrives at once, signed so a Standard Webhooks library accepts it', async () => {
    const name = crypto.randomUUID()
    const { tenant, id, secret } = await endpointAt(`https://providers.sim/merchant/hooks/${name}`)
    const res = await call<TestResult>('POST', `/v1/config/webhooks/${id}/test`, {
      token: tenant.token,
    })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ delivered: true, statusCode: 200, error: null })
    const [arrived] = await receivedAt(name)
    const event = new Webhook(secret).verify(arrived!.body, arrived!.headers) as {
      type: string
      data: { endpointId: string }
    }
    expect(event).toMatchObject({ type: 'webhook.test', data: { endpointId: id } })
    expect(arrived!.headers['webhook-id']).toBe(res.body.webhookId)
    // Outside the delivery log: nothing to retry, nothing listed.
    const deliveries = await call<{ data: unknown[] }>('GET', '/v1/webhooks/deliveries', {
      token: tenant.token,
    })
    expect(deliveries.body.data).toEqual([])
  })

  it('says what the endpoint answered when it fails', async () => {
    const name = crypto.randomUUID()
    const { tenant, id } = await endpointAt(
      `https://providers.sim/merchant/hooks/${name}?status=503`
    )
    const res = await call<TestResult>('POST', `/v1/config/webhooks/${id}/test`, {
      token: tenant.token,
    })
    expect(res.body).toMatchObject({ delivered: false, statusCode: 503, error: 'HTTP 503' })
  })

  it("is a 404 for another tenant's endpoint", async () => {
    const { id } = await endpointAt('https://shop.example.com/hooks')
    const other = await createTestTenant()
    const res = await call<ErrorBody>('POST', `/v1/config/webhooks/${id}/test`, {
      token: other.token,
    })
    expect(res.status).toBe(404)
  })
})
