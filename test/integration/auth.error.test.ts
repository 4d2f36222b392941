import { describe, expect, it } from 'vitest'
import { call, type ErrorBody, nextIp } from '../helpers/http'

const adminCredentials = { username: 'admin', password: 'securepassword123' }

describe('registration', () => {
  it('refuses a weak password with 422 and registers nobody', async () => {
    const res = await call<ErrorBody>('POST', '/v1/auth/register', {
      body: { username: 'admin', password: 'password1234' },
      ip: nextIp(),
    })
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe('weak_password')
  })

  it('works once; afterwards it is closed with 403', async () => {
    const ip = nextIp()
    expect((await call('POST', '/v1/auth/register', { body: adminCredentials, ip })).status).toBe(
      201
    )
    const again = await call<ErrorBody>('POST', '/v1/auth/register', {
      body: { username: 'intruder', password: 'securepassword123' },
      ip,
    })
    expect(again.status).toBe(403)
    expect(again.body.error.code).toBe('registration_closed')
  })
})

describe('tenant creation', () => {
  it('gives a taken username to exactly one of many simultaneous requests', async () => {
    const session = await call<{ token: string }>('POST', '/v1/auth/login', {
      body: adminCredentials,
      ip: nextIp(),
    })
    const attempts = await Promise.all(
      Array.from({ length: 5 }, () =>
        call<ErrorBody>('POST', '/v1/auth/create-tenant', {
          token: session.body.token,
          body: { username: 'same-name', password: 'securepassword123' },
        })
      )
    )
    expect(attempts.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409])
    expect(attempts.find((a) => a.status === 409)!.body.error.code).toBe('username_taken')
  })
})

describe('password length', () => {
  it('counts characters, not UTF-16 units: 256 emoji are accepted, 257 refused by the policy', async () => {
    const session = await call<{ token: string }>('POST', '/v1/auth/login', {
      body: adminCredentials,
      ip: nextIp(),
    })
    const create = (username: string, password: string) =>
      call<ErrorBody>('POST', '/v1/auth/create-tenant', {
        token: session.body.token,
        body: { username, password },
      })
    // Astral characters (two UTF-16 units each) in no repeating pattern.
    const emoji = (count: number) =>
      Array.from({ length: count }, (_, i) => String.fromCodePoint(0x1f600 + ((i * i) % 79))).join(
        ''
      )
    expect((await create('emoji-256', emoji(256))).status).toBe(201)
    const tooLong = await create('emoji-257', emoji(257))
    expect(tooLong.status).toBe(422)
    expect(tooLong.body.error.code).toBe('weak_password')
  })
})

describe('sign-in', () => {
  it('answers 401 for a wrong password and for an unknown user alike', async () => {
    const ip = nextIp()
    const wrong = await call<ErrorBody>('POST', '/v1/auth/login', {
      body: { ...adminCredentials, password: 'not the password' },
      ip,
    })
    const unknown = await call<ErrorBody>('POST', '/v1/auth/login', {
      body: { username: 'nobody', password: 'securepassword123' },
      ip,
    })
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    expect(wrong.body.error.code).toBe('invalid_credentials')
    expect(unknown.body.error.message).toBe(wrong.body.error.message)
  })

  it('slows an account after failures, but never refuses its password from a clean address', async () => {
    for (let i = 0; i < 10; i++) {
      const res = await call('POST', '/v1/auth/login', {
        body: { ...adminCredentials, password: `wrong password ${i}` },
        ip: `203.0.113.${i + 1}`,
      })
      // Each address fails once: past the free failures its password is still checked.
      expect(res.status).toBe(401)
    }
    const again = await call<ErrorBody>('POST', '/v1/auth/login', {
      body: { ...adminCredentials, password: 'wrong password again' },
      ip: '203.0.113.1',
    })
    expect(again.status).toBe(429)
    expect(again.body.error.code).toBe('account_locked')
    expect(Number(again.headers.get('Retry-After'))).toBeGreaterThan(0)

    const owner = await call('POST', '/v1/auth/login', {
      body: adminCredentials,
      ip: '203.0.113.200',
    })
    expect(owner.status).toBe(200)
  })

  it('limits attempts per client address', async () => {
    const ip = nextIp()
    const statuses: number[] = []
    const started = Date.now()
    for (let i = 0; i < 30 && !statuses.includes(429); i++) {
      const res = await call('POST', '/v1/auth/login', {
        body: { username: `someone-${i}`, password: 'not the password' },
        ip,
      })
      statuses.push(res.status)
    }
    // 10 per minute: one more attempt for every 6 s the attempts took on a busy machine.
    const refilled = Math.floor((Date.now() - started) / 6_000)
    const refused = statuses.indexOf(429)
    expect(statuses.slice(0, refused).every((s) => s === 401)).toBe(true)
    expect(refused).toBeGreaterThanOrEqual(10)
    expect(refused).toBeLessThanOrEqual(10 + refilled)
  })
})

describe('malformed requests', () => {
  it.each([
    ['malformed JSON', { rawBody: '{"username": "admin", ' }, 'invalid_json'],
    [
      'a number for a string',
      { body: { username: 42, password: 'securepassword123' } },
      'invalid_request',
    ],
    ['a missing field', { body: { username: 'admin' } }, 'invalid_request'],
    ['an array body', { body: [] }, 'invalid_request'],
    ['a null body', { rawBody: 'null' }, 'invalid_request'],
  ])('answers 400 for %s, never 500', async (_name, options, code) => {
    const res = await call<ErrorBody>('POST', '/v1/auth/login', { ...options, ip: nextIp() })
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe(code)
    expect(res.body.error.requestId).toBe(res.headers.get('X-Request-Id'))
  })

  it('gives field details for validation failures', async () => {
    const res = await call<ErrorBody>('POST', '/v1/auth/login', {
      body: { username: 42, password: 'securepassword123' },
      ip: nextIp(),
    })
    expect(res.body.error.details).toEqual([expect.objectContaining({ path: 'username' })])
  })

  it('refuses bodies over 64 KiB with 413', async () => {
    const res = await call<ErrorBody>('POST', '/v1/auth/login', {
      body: { username: 'admin', password: 'x'.repeat(70_000) },
      ip: nextIp(),
    })
    expect(res.status).toBe(413)
    expect(res.body.error.code).toBe('payload_too_large')
  })

  it('answers a JSON 404 for unknown routes', async () => {
    const res = await call<ErrorBody>('GET', '/v1/nothing-here')
    expect(res.status).toBe(404)
    expect(res.body).toMatchObject({ success: false, error: { code: 'route_not_found' } })
  })
})
