import { runInDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { IDEMPOTENCY_IN_FLIGHT_MS, IDEMPOTENCY_TTL_MS, type TenantGuard } from './tenant-guard'

const rules = [{ bucket: 'payment', limitPerMinute: 50, burst: 10 }]
const stubFor = (name: string) => env.TENANT_GUARD.get(env.TENANT_GUARD.idFromName(name))
const claim = (fingerprint = 'f1', reservedId = 'pay_A') => ({ key: 'k1', fingerprint, reservedId })
const stored = { status: 201, body: '{"ok":true}', contentType: 'application/json' }

describe('TenantGuard', () => {
  it('admits 60 of 200 payment requests in one instant (50 per minute + 10 burst)', async () => {
    await runInDurableObject(stubFor('tenant:rate'), (guard: TenantGuard) => {
      const results = Array.from({ length: 200 }, () => guard.admit(rules, undefined, 1_000))
      expect(results.filter((r) => r.kind === 'admitted')).toHaveLength(60)
      expect(results[60]).toMatchObject({ kind: 'rate_limited', rate: { retryAfterSeconds: 2 } })
    })
  })

  it('claims a key, refuses it while in flight, then replays the stored answer', async () => {
    await runInDurableObject(stubFor('tenant:idem'), (guard: TenantGuard) => {
      expect(guard.admit(rules, claim(), 0)).toMatchObject({
        kind: 'admitted',
        reservedId: 'pay_A',
      })
      expect(guard.admit(rules, claim('f1', 'pay_B'), 10)).toEqual({ kind: 'in_flight' })
      expect(guard.admit(rules, claim('f2', 'pay_B'), 10)).toEqual({ kind: 'mismatch' })
      guard.completeIdempotency('k1', stored, 20)
      expect(guard.admit(rules, claim('f1', 'pay_C'), 30)).toEqual({
        kind: 'replay',
        response: stored,
      })
      expect(guard.admit(rules, claim('f1', 'pay_D'), 20 + IDEMPOTENCY_TTL_MS + 1)).toMatchObject({
        kind: 'admitted',
        reservedId: 'pay_D',
      })
    })
  })

  it('lets a retry take over a claim whose request died, keeping the reserved id', async () => {
    await runInDurableObject(stubFor('tenant:stale'), (guard: TenantGuard) => {
      guard.admit(rules, claim(), 0)
      expect(guard.admit(rules, claim('f1', 'pay_B'), IDEMPOTENCY_IN_FLIGHT_MS + 1)).toMatchObject({
        kind: 'admitted',
        reservedId: 'pay_A',
      })
    })
  })

  it('forgets a released claim', async () => {
    await runInDurableObject(stubFor('tenant:release'), (guard: TenantGuard) => {
      guard.admit(rules, claim(), 0)
      guard.releaseIdempotency('k1')
      expect(guard.admit(rules, claim('f2', 'pay_B'), 1)).toMatchObject({
        kind: 'admitted',
        reservedId: 'pay_B',
      })
    })
  })

  it('does not charge the rate limit for replays', async () => {
    await runInDurableObject(stubFor('tenant:replay-rate'), (guard: TenantGuard) => {
      const oneAtATime = [{ bucket: 'payment', limitPerMinute: 1, burst: 0 }]
      guard.admit(oneAtATime, claim(), 0)
      guard.completeIdempotency('k1', stored, 0)
      expect(guard.admit(oneAtATime, claim(), 1).kind).toBe('replay')
      expect(guard.admit(oneAtATime, claim(), 2).kind).toBe('replay')
    })
  })
})
