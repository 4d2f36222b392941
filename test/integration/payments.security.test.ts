import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { HOSTILE_CALLBACK_URLS } from '../fixtures/hostile-callback-urls'
import { call, type ErrorBody } from '../helpers/http'
import {
  card,
  completeThreeDS,
  createPayingTenant,
  pay,
  pressThreeDS,
  SHOP,
} from '../helpers/payments'

const PAN = '4242424242424242'
const CVV = '7391'

describe('tenant isolation of payments', () => {
  it("answers 404 on every payment route for another tenant's payment", async () => {
    const owner = await createPayingTenant()
    const other = await createPayingTenant()
    const paid = await pay(owner)
    const id = paid.body.paymentId
    const attempts = [
      call<ErrorBody>('GET', `/v1/payments/sandbox/${id}`, { token: other.token }),
      call<ErrorBody>('DELETE', `/v1/payments/sandbox/${id}`, { token: other.token }),
      call<ErrorBody>('POST', `/v1/payments/sandbox/${id}/capture`, {
        token: other.token,
        body: {},
      }),
      call<ErrorBody>('POST', '/v1/payments/sandbox/refund', {
        token: other.token,
        body: { paymentId: id },
      }),
    ]
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(404)
      expect(res.body.error.code).toBe('not_found')
    }
    const list = await call<{ data: unknown[] }>('GET', '/v1/payments', { token: other.token })
    expect(list.body.data).toEqual([])
    const mine = await call('GET', `/v1/payments/sandbox/${id}`, { token: owner.token })
    expect(mine.body).toMatchObject({ status: 'successful' })
  })
})

describe('card data', () => {
  it('leaves no full card number and no CVV in any D1 row, and logs every provider call masked', async () => {
    const tenant = await createPayingTenant()
    await pay(tenant, { cardInfo: card(PAN, CVV) })
    await pay(tenant, { cardInfo: card('4000000000009995', CVV) })
    const pending = await pay(tenant, {
      cardInfo: card(PAN, CVV),
      use3D: true,
      callbackUrl: `${SHOP}/cb`,
    })
    await completeThreeDS(pending.body.redirectUrl!, 'authenticate')
    await call('POST', '/v1/payments/sandbox', {
      token: tenant.token,
      body: { cardInfo: card(PAN, CVV) },
    })

    const tables = await env.DB.prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'"
    ).all<{ name: string }>()
    const cvvAlone = new RegExp(`(^|[^0-9A-Za-z])${CVV}([^0-9A-Za-z]|$)`)
    for (const { name } of tables.results) {
      const rows = JSON.stringify((await env.DB.prepare(`SELECT * FROM "${name}"`).all()).results)
      expect(rows, name).not.toContain(PAN)
      expect(rows, name).not.toContain('4000000000009995')
      expect(cvvAlone.test(rows), name).toBe(false)
    }
    const logs = await env.DB.prepare(
      'SELECT operation, outcome, request FROM provider_logs WHERE tenant_id = ?'
    )
      .bind(tenant.tenantId)
      .all<{ operation: string; outcome: string; request: string }>()
    expect(logs.results.map((l) => l.operation).sort()).toEqual([
      'complete',
      'create',
      'create',
      'create',
    ])
    expect(logs.results.some((l) => l.request.includes('424242******4242'))).toBe(true)
    expect(logs.results.every((l) => !/sbx_[0-9a-f]{64}/.test(l.request))).toBe(true)
  })
})

describe('callbacks', () => {
  async function pendingPayment() {
    const tenant = await createPayingTenant()
    const created = await pay(tenant, { use3D: true, callbackUrl: `${SHOP}/cb` })
    const { callbackPath, callback } = await completeThreeDS(
      created.body.redirectUrl!,
      'authenticate'
    )
    return { tenant, created, callbackPath, callback }
  }

  it('works once: a replayed state gets a 400 page and no redirect', async () => {
    const { callbackPath, callback } = await pendingPayment()
    expect(callback.status).toBe(303)
    const replay = await call<string>('GET', callbackPath)
    expect(replay.status).toBe(400)
    expect(replay.headers.get('Location')).toBeNull()
    expect(replay.body).toContain('already been used')
  })

  it('refuses a tampered or missing state with a 400 page', async () => {
    const tenant = await createPayingTenant()
    const created = await pay(tenant, { use3D: true, callbackUrl: `${SHOP}/cb` })
    const back = await pressThreeDS(created.body.redirectUrl!)
    const state = back.searchParams.get('state')!
    const [payload, signature] = state.split('.')
    const forged = `${payload!.slice(0, -2)}${payload!.endsWith('A') ? 'B' : 'A'}${payload!.slice(-1)}.${signature}`
    for (const attempt of [
      back.search.replace(state, forged),
      back.search.replace(`state=${state}`, ''),
      `${back.search}&originalCallbackUrl=https://evil.example`.replace(state, 'x.y'),
    ]) {
      const res = await call('GET', `${back.pathname}${attempt}`)
      expect(res.status).toBe(400)
      expect(res.headers.get('Location')).toBeNull()
    }
    // The genuine state still works, and ignores anything the query says about where to go.
    const genuine = await call(
      'GET',
      `${back.pathname}${back.search}&originalCallbackUrl=https://evil.example`
    )
    expect(genuine.status).toBe(303)
    expect(new URL(genuine.headers.get('Location')!).origin).toBe(SHOP)
  })

  it('refuses a state presented at another provider path', async () => {
    const tenant = await createPayingTenant()
    const created = await pay(tenant, { use3D: true, callbackUrl: `${SHOP}/cb` })
    const back = await pressThreeDS(created.body.redirectUrl!)
    const res = await call('GET', `/v1/callback/iyzico${back.search}`)
    expect(res.status).toBe(400)
  })

  it('changes state once when the same callback arrives many times at once', async () => {
    const tenant = await createPayingTenant()
    const created = await pay(tenant, { use3D: true, callbackUrl: `${SHOP}/cb` })
    const back = await pressThreeDS(created.body.redirectUrl!)
    const results = await Promise.all(
      Array.from({ length: 10 }, () => call('GET', `${back.pathname}${back.search}`))
    )
    expect(results.filter((r) => r.status === 303)).toHaveLength(1)
    expect(results.filter((r) => r.status === 400)).toHaveLength(9)
    const events = await env.DB.prepare(
      'SELECT type FROM payment_events WHERE payment_id = ? ORDER BY id'
    )
      .bind(created.body.paymentId)
      .all<{ type: string }>()
    expect(events.results.map((e) => e.type)).toEqual(['payment.created', 'payment.succeeded'])
  })
})

describe('hostile callback URLs', () => {
  it(`refuses all ${HOSTILE_CALLBACK_URLS.length} when the payment is created`, async () => {
    expect(HOSTILE_CALLBACK_URLS.length).toBeGreaterThanOrEqual(40)
    const tenant = await createPayingTenant()
    for (const callbackUrl of HOSTILE_CALLBACK_URLS) {
      const res = await call<ErrorBody>('POST', '/v1/payments/sandbox', {
        token: tenant.token,
        body: {
          amount: 1,
          currency: 'TRY',
          customer: { name: 'J', surname: 'D', email: 'j@example.com' },
          cardInfo: card(PAN),
          use3D: true,
          callbackUrl,
        },
      })
      expect([400, 422], JSON.stringify(callbackUrl)).toContain(res.status)
    }
    const list = await call<{ data: unknown[] }>('GET', '/v1/payments', { token: tenant.token })
    expect(list.body.data).toEqual([])
  })
})
