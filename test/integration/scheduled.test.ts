import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { SIGNING_KEY_ROTATION_MS } from '../../src/auth/signing-keys'
import { runCron } from '../helpers/cron'

const keyStates = async () =>
  (
    await env.DB.prepare('SELECT kid, state FROM signing_keys ORDER BY created_at, kid').all<{
      kid: string
      state: string
    }>()
  ).results

describe('the cron', () => {
  it('creates the signing keys, then rotates them once a day', async () => {
    const start = Date.now()
    await runCron(start)
    const initial = await keyStates()
    expect(initial.map((k) => k.state).sort()).toEqual(['current', 'next'])

    await runCron(start + 60_000)
    expect(await keyStates()).toEqual(initial)

    await runCron(start + SIGNING_KEY_ROTATION_MS + 60_000)
    const rotated = await keyStates()
    const stateOf = (kid: string) => rotated.find((k) => k.kid === kid)?.state
    const oldCurrent = initial.find((k) => k.state === 'current')!.kid
    const oldNext = initial.find((k) => k.state === 'next')!.kid
    expect(stateOf(oldCurrent)).toBe('previous')
    expect(stateOf(oldNext)).toBe('current')
    expect(rotated.filter((k) => k.state === 'next')).toHaveLength(1)
  })
})
