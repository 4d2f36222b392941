/**
 * Sign-in throttling (OWASP): failures slow the address that makes them and, progressively, the
 * account they target, but never refuse the right password from an address that has not failed.
 */
import { runInDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  LOGIN_FREE_FAILURES,
  LOGIN_SOURCE_MAX_FAILURES,
  type TenantGuard,
} from '../../src/durable-objects/tenant-guard'
import { call, type ErrorBody, nextIp } from '../helpers/http'
import { createTestTenant } from '../helpers/tenant'

const admin = { username: 'admin', password: 'securepassword123' }
const guardFor = (name: string) => env.TENANT_GUARD.get(env.TENANT_GUARD.idFromName(name))
const login = (body: { username: string; password: string }, ip: string) =>
  call<ErrorBody>('POST', '/v1/auth/login', { body, ip })

beforeAll(async () => {
  const registered = await call('POST', '/v1/auth/register', { body: admin, ip: nextIp() })
  expect(registered.status).toBe(201)
})

describe('an attack on one account', () => {
  it('does not keep the real user out: 30 failures from A, then the right password from B', async () => {
    const attacker = nextIp()
    const statuses: number[] = []
    for (let i = 0; i < 30; i++) {
      statuses.push(
        (await login({ username: 'admin', password: `guess number ${i}` }, attacker)).status
      )
    }
    expect(statuses.slice(0, LOGIN_FREE_FAILURES)).toEqual(Array(LOGIN_FREE_FAILURES).fill(401))
    expect(statuses.slice(LOGIN_FREE_FAILURES).every((s) => s === 429)).toBe(true)

    const owner = await login(admin, nextIp())
    expect(owner.status).toBe(200)
  })

  it('delays further wrong attempts progressively, with account_locked and Retry-After', async () => {
    const tenant = await createTestTenant()
    const attacker = nextIp()
    for (let i = 0; i < LOGIN_FREE_FAILURES; i++) {
      const res = await login({ username: tenant.username, password: `wrong ${i}` }, attacker)
      expect(res.status).toBe(401)
    }
    const delayed = await login({ username: tenant.username, password: 'wrong again' }, attacker)
    expect(delayed.status).toBe(429)
    expect(delayed.body.error.code).toBe('account_locked')
    const firstDelay = Number(delayed.headers.get('Retry-After'))
    expect(firstDelay).toBeGreaterThan(0)

    // An address that has not failed yet gets its password checked once, and the delay doubles.
    const other = nextIp()
    const checked = await login({ username: tenant.username, password: 'another guess' }, other)
    expect(checked.status).toBe(401)
    const longer = await login({ username: tenant.username, password: 'and another' }, other)
    expect(longer.status).toBe(429)
    expect(longer.body.error.code).toBe('account_locked')
    expect(Number(longer.headers.get('Retry-After'))).toBeGreaterThan(firstDelay)
  })

  it('answers an unknown user exactly like a known one under the same failures', async () => {
    const known = await createTestTenant()
    const answers = async (username: string) => {
      const ip = nextIp()
      const statuses: number[] = []
      for (let i = 0; i <= LOGIN_FREE_FAILURES; i++) {
        const res = await login({ username, password: `wrong ${i}` }, ip)
        statuses.push(res.status)
        if (res.status !== 429) expect(res.body.error.code).toBe('invalid_credentials')
      }
      return statuses
    }
    expect(await answers(`nobody-${known.userId.slice(-8).toLowerCase()}`)).toEqual(
      await answers(known.username)
    )
  })
})

describe('an address that keeps failing', () => {
  it('is throttled after its failures, for any username, with Retry-After', async () => {
    const attacker = nextIp()
    for (let i = 0; i < LOGIN_SOURCE_MAX_FAILURES; i++) {
      const res = await login({ username: `someone-else-${i}`, password: 'wrong' }, attacker)
      expect(res.status).toBe(401)
    }
    // Two minutes on, the per-minute bucket has room again; the failures still count.
    await runInDurableObject(guardFor(`ip:${attacker}`), (guard: TenantGuard) => {
      const later = guard.admitLoginSource(Date.now() + 2 * 60_000)
      expect(later.allowed).toBe(false)
    })
  })

  it('is refused at the route, even with the right password', async () => {
    const attacker = nextIp()
    await runInDurableObject(guardFor(`ip:${attacker}`), (guard: TenantGuard) => {
      for (let i = 0; i < LOGIN_SOURCE_MAX_FAILURES; i++) guard.recordLoginSourceFailure(Date.now())
    })
    const refused = await login(admin, attacker)
    expect(refused.status).toBe(429)
    expect(refused.body.error.code).toBe('rate_limited')
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(60)
  })
})
