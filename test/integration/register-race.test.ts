import { describe, expect, it } from 'vitest'
import { call, nextIp } from '../helpers/http'

describe('the first registration', () => {
  it('has exactly one winner when many arrive at once', async () => {
    const attempts = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        call('POST', '/v1/auth/register', {
          body: { username: `first-${i}`, password: 'securepassword123' },
          ip: nextIp(),
        })
      )
    )
    expect(attempts.map((a) => a.status).sort()).toEqual([201, 403, 403, 403, 403])
  })
})
