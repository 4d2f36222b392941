import { describe, expect, it } from 'vitest'
import { call, type ErrorBody } from '../helpers/http'
import { createPayingTenant, pay } from '../helpers/payments'

const recurrence = (provider: string, paymentId: string) =>
  `/v1/payments/${provider}/${paymentId}/recurrence`

describe('recurring charges', () => {
  it('are refused where the provider has none, before it is asked', async () => {
    const tenant = await createPayingTenant()
    const res = await pay(tenant, { recurring: true })
    expect(res.status).toBe(422)
    expect((res.body as unknown as ErrorBody).error.code).toBe('not_supported')
  })

  it('charge only payments made with recurring: true', async () => {
    const tenant = await createPayingTenant()
    const paid = await pay(tenant)
    const res = await call<ErrorBody>('POST', recurrence('sandbox', paid.body.paymentId), {
      token: tenant.token,
      body: { amount: '10.00', currency: 'TRY' },
    })
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe('not_supported')
  })

  it("answer 404 for another tenant's payment", async () => {
    const owner = await createPayingTenant()
    const other = await createPayingTenant()
    const paid = await pay(owner)
    for (const method of ['POST', 'DELETE']) {
      const res = await call<ErrorBody>(method, recurrence('sandbox', paid.body.paymentId), {
        token: other.token,
        body: method === 'POST' ? { amount: '10.00', currency: 'TRY' } : undefined,
      })
      expect(res.status).toBe(404)
    }
  })

  it('validate the amount against the currency', async () => {
    const tenant = await createPayingTenant()
    const paid = await pay(tenant)
    const res = await call<ErrorBody>('POST', recurrence('sandbox', paid.body.paymentId), {
      token: tenant.token,
      body: { amount: '10.005', currency: 'TRY' },
    })
    expect(res.status).toBe(400)
  })
})
