import { runInDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import {
  IDEMPOTENCY_IN_FLIGHT_MS,
  IDEMPOTENCY_TTL_MS,
  LOGIN_BASE_DELAY_MS,
  LOGIN_FREE_FAILURES,
  LOGIN_MAX_DELAY_MS,
  LOGIN_SOURCE_MAX_FAILURES,
  LOGIN_SOURCE_WINDOW_MS,
  loginDelayMs,
  type TenantGuard,
} from './tenant-guard'

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

  describe('sign-in failures for one account', () => {
    const failTimes = (guard: TenantGuard, ip: string, count: number, at: number) => {
      for (let i = 0; i < count; i++) guard.recordLoginFailure('alice', ip, at)
    }

    it('doubles the delay after each failure past the free ones, up to 15 minutes', () => {
      expect(loginDelayMs(LOGIN_FREE_FAILURES - 1)).toBe(0)
      expect(loginDelayMs(LOGIN_FREE_FAILURES)).toBe(LOGIN_BASE_DELAY_MS)
      expect(loginDelayMs(LOGIN_FREE_FAILURES + 1)).toBe(2 * LOGIN_BASE_DELAY_MS)
      expect(loginDelayMs(LOGIN_FREE_FAILURES + 2)).toBe(4 * LOGIN_BASE_DELAY_MS)
      expect(loginDelayMs(LOGIN_FREE_FAILURES + 50)).toBe(LOGIN_MAX_DELAY_MS)
      expect(LOGIN_MAX_DELAY_MS).toBe(15 * 60 * 1000)
    })

    it('makes a failing address wait the delay since the last failure', async () => {
      await runInDurableObject(stubFor('login:delay'), (guard: TenantGuard) => {
        failTimes(guard, 'A', LOGIN_FREE_FAILURES - 1, 0)
        expect(guard.admitLogin('alice', 'A', 0)).toEqual({ allowed: true })
        expect(guard.recordLoginFailure('alice', 'A', 1_000)).toBe(1_000 + LOGIN_BASE_DELAY_MS)
        expect(guard.admitLogin('alice', 'A', 1_000)).toEqual({
          allowed: false,
          retryAfterSeconds: LOGIN_BASE_DELAY_MS / 1000,
        })
        expect(guard.admitLogin('alice', 'A', 1_000 + LOGIN_BASE_DELAY_MS - 1)).toMatchObject({
          allowed: false,
          retryAfterSeconds: 1,
        })
        expect(guard.admitLogin('alice', 'A', 1_000 + LOGIN_BASE_DELAY_MS)).toEqual({
          allowed: true,
        })
        const next = 1_000 + LOGIN_BASE_DELAY_MS
        expect(guard.recordLoginFailure('alice', 'A', next)).toBe(next + 2 * LOGIN_BASE_DELAY_MS)
      })
    })

    it('admits an address that has not failed for the account, even inside the delay', async () => {
      await runInDurableObject(stubFor('login:clean'), (guard: TenantGuard) => {
        failTimes(guard, 'A', 30, 0)
        expect(guard.admitLogin('alice', 'A', 1)).toMatchObject({ allowed: false })
        expect(guard.admitLogin('alice', 'B', 1)).toEqual({ allowed: true })
        guard.recordLoginFailure('alice', 'B', 2)
        expect(guard.admitLogin('alice', 'B', 3)).toEqual({
          allowed: false,
          retryAfterSeconds: LOGIN_MAX_DELAY_MS / 1000,
        })
      })
    })

    it('forgets every failure of the account after a successful sign-in', async () => {
      await runInDurableObject(stubFor('login:clear'), (guard: TenantGuard) => {
        failTimes(guard, 'A', LOGIN_FREE_FAILURES + 3, 0)
        guard.clearLoginFailures('alice')
        expect(guard.admitLogin('alice', 'A', 1)).toEqual({ allowed: true })
        expect(guard.recordLoginFailure('alice', 'A', 1)).toBeUndefined()
      })
    })
  })

  describe('sign-in failures from one address', () => {
    it('refuses the address for a while once too many failures fall within the window', async () => {
      await runInDurableObject(stubFor('ip:failing'), (guard: TenantGuard) => {
        for (let i = 0; i < LOGIN_SOURCE_MAX_FAILURES - 1; i++) {
          guard.recordLoginSourceFailure(i * 1_000)
        }
        expect(guard.admitLoginSource(60_000)).toEqual({ allowed: true })
        guard.recordLoginSourceFailure(60_000)
        expect(guard.admitLoginSource(60_000)).toEqual({
          allowed: false,
          retryAfterSeconds: LOGIN_SOURCE_WINDOW_MS / 1000,
        })
        expect(guard.admitLoginSource(LOGIN_SOURCE_WINDOW_MS - 1)).toMatchObject({
          allowed: false,
        })
        expect(guard.admitLoginSource(60_000 + LOGIN_SOURCE_WINDOW_MS - 1)).toMatchObject({
          allowed: false,
          retryAfterSeconds: 1,
        })
        expect(guard.admitLoginSource(60_000 + LOGIN_SOURCE_WINDOW_MS)).toEqual({ allowed: true })
      })
    })

    it('does not count failures spread wider than the window', async () => {
      await runInDurableObject(stubFor('ip:slow'), (guard: TenantGuard) => {
        const spacing = LOGIN_SOURCE_WINDOW_MS / (LOGIN_SOURCE_MAX_FAILURES - 1)
        for (let i = 0; i < 3 * LOGIN_SOURCE_MAX_FAILURES; i++) {
          const at = i * spacing
          expect(guard.admitLoginSource(at)).toEqual({ allowed: true })
          guard.recordLoginSourceFailure(at)
        }
      })
    })
  })
})
