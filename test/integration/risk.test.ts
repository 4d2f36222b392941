/**
 * Risk scoring through the API: a card-testing burst is blocked before the provider, held payments
 * are approved or rejected once however often the decision arrives, and rule changes (block lists
 * above all) apply to the very next payment.
 */
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { isLuhnValid } from '../../src/domain/cards'
import { call, type ErrorBody } from '../helpers/http'
import { card, completeThreeDS, createPayingTenant, luhnCard, SHOP } from '../helpers/payments'
import { createApiKey, type TestTenant } from '../helpers/tenant'

interface RiskPayment {
  status: string
  paymentId: string
  capturedAmountMinor: number
  declineCode?: string
  redirectUrl?: string
  cardFingerprint?: string
  pendingOperation?: unknown
  risk?: {
    score: number
    decision: string
    reasons: { code: string; points: number }[]
    captureOnApproval?: boolean
    review?: { decision: string }
  }
}

const body = (overrides: Record<string, unknown> = {}, customer: Record<string, unknown> = {}) => ({
  amount: 100.5,
  currency: 'TRY',
  customer: { name: 'John', surname: 'Doe', email: 'john@example.com', ...customer },
  cardInfo: card('5528790000000008'),
  ...overrides,
})

const create = (tenant: TestTenant, overrides = {}, customer = {}) =>
  call<RiskPayment & ErrorBody>('POST', '/v1/payments/sandbox', {
    token: tenant.token,
    body: body(overrides, customer),
  })

const putRules = (tenant: TestTenant, rules: object, version?: number) =>
  call<{ version: number } & ErrorBody>('PUT', '/v1/config/risk', {
    token: tenant.token,
    body: { rules, ...(version === undefined ? {} : { version }) },
  })

async function providerCalls(tenant: TestTenant) {
  const { results } = await env.DB.prepare(
    'SELECT operation, COUNT(*) AS n FROM provider_logs WHERE tenant_id = ? GROUP BY operation'
  )
    .bind(tenant.tenantId)
    .all<{ operation: string; n: number }>()
  return Object.fromEntries(results.map((row) => [row.operation, row.n]))
}

/** A Turkish card paid from a German IP address: 20 points, a review under `holdAt20`. */
const abroad = { ipAddress: '198.51.100.20', ipCountry: 'DE' }
const holdAt20 = { thresholds: { challenge: 20, review: 20, block: 100 } }

const review = (tenant: TestTenant, paymentId: string, decision: 'approve' | 'reject') =>
  call<RiskPayment & ErrorBody>('POST', `/v1/payments/sandbox/${paymentId}/review`, {
    token: tenant.token,
    body: { decision },
  })

describe('risk scoring', () => {
  it('blocks a card-testing burst after the threshold, and the provider sees none of the blocked attempts', async () => {
    const tenant = await createPayingTenant()
    const answers: { status: number; body: RiskPayment & ErrorBody }[] = []
    for (let i = 0; i < 14; i++) {
      const number = luhnCard(`411111000000${String(i).padStart(3, '0')}`)
      expect(isLuhnValid(number)).toBe(true)
      answers.push(
        await create(
          tenant,
          { amount: 1, cardInfo: card(number) },
          { email: `tester${i}@example.com`, ipAddress: '203.0.113.66' }
        )
      )
    }
    const outcomes = answers.map((a) => (a.status === 422 ? a.body.error.code : a.body.status))
    // Three cards pass; from the fourth card on one IP address the payment is held (3-D Secure
    // cannot be forced without a callbackUrl); from the eleventh attempt within ten minutes it is
    // blocked.
    expect(outcomes).toEqual([
      ...Array(3).fill('successful'),
      ...Array(7).fill('review'),
      ...Array(4).fill('risk_blocked'),
    ])
    const blocked = answers[10]!.body.error
    expect(blocked.details).toMatchObject({
      score: 90,
      reasons: [
        { code: 'ip_attempts', points: 40 },
        { code: 'ip_cards', points: 50 },
      ],
    })
    expect(await providerCalls(tenant)).toEqual({ create: 10 })
    const stored = await env.DB.prepare('SELECT COUNT(*) AS n FROM payments WHERE tenant_id = ?')
      .bind(tenant.tenantId)
      .first<{ n: number }>()
    expect(stored!.n).toBe(10)
  })

  it('counts declines against the card, and blocks the card once it failed too often', async () => {
    const tenant = await createPayingTenant()
    const declining = { cardInfo: card('4000000000000002') }
    const statuses: (string | number)[] = []
    for (let i = 0; i < 5; i++) {
      const res = await create(tenant, declining, {
        email: `d${i}@example.com`,
        ipAddress: `198.51.100.${i}`,
      })
      statuses.push(res.status === 402 ? res.body.status : res.body.error?.code)
    }
    // Three declines, then the card scores card_failures (50): held, so authorized only and declined.
    expect(statuses).toEqual(['failed', 'failed', 'failed', 'failed', 'failed'])
    const fourth = await create(tenant, declining, {
      email: 'd9@example.com',
      ipAddress: '198.51.100.9',
    })
    expect(fourth.body.risk).toMatchObject({
      score: 50,
      decision: 'review',
      reasons: [{ code: 'card_failures' }],
    })
    // Other cards of the same tenant are untouched.
    const other = await create(
      tenant,
      {},
      { email: 'fine@example.com', ipAddress: '198.51.100.99' }
    )
    expect(other.body).toMatchObject({
      status: 'successful',
      risk: { score: 0, decision: 'allow' },
    })
  })

  it('forces 3-D Secure from the challenge threshold when the request can come back', async () => {
    const tenant = await createPayingTenant()
    expect(
      (await putRules(tenant, { thresholds: { challenge: 20, review: 60, block: 80 } })).status
    ).toBe(200)
    const res = await create(tenant, { callbackUrl: `${SHOP}/done` }, abroad)
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      status: 'pending',
      risk: { score: 20, decision: 'challenge', reasons: [{ code: 'country_mismatch' }] },
    })
    expect(res.body.redirectUrl).toContain('/sandbox/3ds/')
  })

  it('holds a payment for review, announces it, and captures it once when approved twice at once', async () => {
    const tenant = await createPayingTenant()
    await putRules(tenant, holdAt20)
    const held = await create(tenant, {}, abroad)
    expect(held.status).toBe(201)
    expect(held.body).toMatchObject({
      status: 'review',
      capturedAmountMinor: 0,
      risk: { score: 20, decision: 'review', captureOnApproval: true },
    })
    expect(held.body.cardFingerprint).toMatch(/^fp_[0-9a-f]{32}$/)
    const id = held.body.paymentId

    const history = await call<{ events: { type: string; payment: RiskPayment }[] }>(
      'GET',
      `/v1/payments/sandbox/${id}/history`,
      { token: tenant.token }
    )
    expect(history.body.events.map((e) => e.type)).toEqual([
      'payment.created',
      'payment.review_required',
    ])
    expect(history.body.events[1]!.payment.risk).toMatchObject({ decision: 'review' })

    const [first, second] = await Promise.all([
      review(tenant, id, 'approve'),
      review(tenant, id, 'approve'),
    ])
    expect([first.status, second.status]).toEqual([200, 200])
    const final = await call<RiskPayment>('GET', `/v1/payments/sandbox/${id}`, {
      token: tenant.token,
    })
    expect(final.body).toMatchObject({
      status: 'successful',
      capturedAmountMinor: 10050,
      risk: { review: { decision: 'approve' } },
    })
    expect(await providerCalls(tenant)).toEqual({ create: 1, capture: 1 })

    // The same decision later answers the same way; the other one is refused.
    expect((await review(tenant, id, 'approve')).body.status).toBe('successful')
    const contrary = await review(tenant, id, 'reject')
    expect(contrary.status).toBe(409)
    expect(contrary.body.error.code).toBe('invalid_transition')
    expect(await providerCalls(tenant)).toEqual({ create: 1, capture: 1 })
  })

  it('holds a 3-D Secure payment once the shopper comes back authenticated', async () => {
    const tenant = await createPayingTenant()
    await putRules(tenant, holdAt20)
    const pending = await create(tenant, { use3D: true, callbackUrl: `${SHOP}/done` }, abroad)
    expect(pending.body).toMatchObject({ status: 'pending', risk: { decision: 'review' } })
    const { callback } = await completeThreeDS(pending.body.redirectUrl!, 'authenticate')
    expect(new URL(callback.headers.get('Location')!).searchParams.get('status')).toBe('review')
    const approved = await review(tenant, pending.body.paymentId, 'approve')
    expect(approved.body).toMatchObject({ status: 'successful', capturedAmountMinor: 10050 })
  })

  it('counts a failed 3-D Secure against the card', async () => {
    const tenant = await createPayingTenant()
    await putRules(tenant, { velocity: { maxCardFailures: 1 } })
    const threeDS = { use3D: true, callbackUrl: `${SHOP}/done`, cardInfo: card('4000000000003220') }
    const first = await create(tenant, threeDS)
    expect(first.body.risk).toMatchObject({ score: 0 })
    await completeThreeDS(first.body.redirectUrl!, 'fail')
    const second = await create(tenant, threeDS)
    expect(second.body.risk).toMatchObject({ score: 50, reasons: [{ code: 'card_failures' }] })
  })

  it('leaves an authorize-only payment authorized when approved', async () => {
    const tenant = await createPayingTenant()
    await putRules(tenant, holdAt20)
    const held = await create(tenant, { capture: false }, abroad)
    expect(held.body.risk).toMatchObject({ captureOnApproval: false })
    const approved = await review(tenant, held.body.paymentId, 'approve')
    expect(approved.body).toMatchObject({ status: 'authorized', capturedAmountMinor: 0 })
    expect(await providerCalls(tenant)).toEqual({ create: 1 })
  })

  it('voids a rejected payment once, even when rejected twice at once', async () => {
    const tenant = await createPayingTenant()
    await putRules(tenant, holdAt20)
    const held = await create(tenant, {}, abroad)
    const id = held.body.paymentId
    const answers = await Promise.all([review(tenant, id, 'reject'), review(tenant, id, 'reject')])
    // The loser answers with the payment as it finds it: cancelled, or its void still under way (202).
    expect(answers.map((a) => a.status).sort()).toEqual(expect.arrayContaining([200]))
    for (const answer of answers) expect([200, 202]).toContain(answer.status)
    const final = await call<RiskPayment>('GET', `/v1/payments/sandbox/${id}`, {
      token: tenant.token,
    })
    expect(final.body).toMatchObject({
      status: 'cancelled',
      declineCode: 'fraud_suspected',
      risk: { review: { decision: 'reject' } },
    })
    expect(await providerCalls(tenant)).toEqual({ create: 1, cancel: 1 })
    expect((await review(tenant, id, 'approve')).status).toBe(409)
  })

  it('refuses a review of a payment that is not held, and of another tenant’s payment', async () => {
    const tenant = await createPayingTenant()
    const paid = await create(tenant)
    const notHeld = await review(tenant, paid.body.paymentId, 'approve')
    expect(notHeld.status).toBe(409)
    const stranger = await createPayingTenant()
    expect((await review(stranger, paid.body.paymentId, 'approve')).status).toBe(404)
  })

  it('applies block-list edits to the next payment', async () => {
    const tenant = await createPayingTenant()
    const first = await create(tenant)
    expect(first.status).toBe(201)
    const fingerprint = first.body.cardFingerprint!

    const blocked = await putRules(tenant, { blockLists: { cardFingerprints: [fingerprint] } }, 0)
    expect(blocked.status).toBe(200)
    expect(blocked.body.version).toBe(1)
    const refused = await create(tenant)
    expect(refused.status).toBe(422)
    expect(refused.body.error).toMatchObject({
      code: 'risk_blocked',
      details: { score: 100, reasons: [{ code: 'block_listed_card' }], rulesVersion: 1 },
    })
    // Another card of the same shopper still pays; the same card in another tenant has another
    // fingerprint and is not blocked there.
    expect((await create(tenant, { cardInfo: card('4242424242424242') })).status).toBe(201)
    const elsewhere = await createPayingTenant()
    const there = await create(elsewhere)
    expect(there.status).toBe(201)
    expect(there.body.cardFingerprint).not.toBe(fingerprint)

    expect((await putRules(tenant, {}, 1)).status).toBe(200)
    expect((await create(tenant)).status).toBe(201)
    expect(await providerCalls(tenant)).toEqual({ create: 3 })
  })

  it('versions the rules: an edit of an old version is a 409, and API keys cannot change them', async () => {
    const tenant = await createPayingTenant()
    const initial = await call<{ version: number; rules: { thresholds: object } }>(
      'GET',
      '/v1/config/risk',
      {
        token: tenant.token,
      }
    )
    expect(initial.body).toMatchObject({
      version: 0,
      updatedAt: null,
      rules: { enabled: true, thresholds: { challenge: 30, review: 60, block: 80 } },
    })
    expect((await putRules(tenant, { velocity: { maxCardsPerIp: 5 } }, 0)).body.version).toBe(1)
    const stale = await putRules(tenant, {}, 0)
    expect(stale.status).toBe(409)
    expect(stale.body.error).toMatchObject({ code: 'version_conflict', details: { version: 1 } })
    const read = await call<{ version: number; rules: { velocity: { maxCardsPerIp: number } } }>(
      'GET',
      '/v1/config/risk',
      { token: tenant.token }
    )
    expect(read.body.version).toBe(1)
    expect(read.body.rules.velocity.maxCardsPerIp).toBe(5)

    const invalid = await putRules(tenant, { thresholds: { challenge: 90, review: 60, block: 80 } })
    expect(invalid.status).toBe(400)
    expect(invalid.body.error.code).toBe('invalid_request')

    const key = (await createApiKey(tenant)).key
    const byKey = await call('PUT', '/v1/config/risk', { token: key, body: { rules: {} } })
    expect(byKey.status).toBe(403)
  })
})
