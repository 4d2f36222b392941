import { describe, expect, it } from 'vitest'
import { paparaProvider as papara } from './adapter'
import { UNPAID_LIFETIME_MS } from './lapse'
import { failed, fakePapara, PAPARA_ID, paparaPayment, reference, succeeded } from './test-context'

/** The canned context's clock. */
const NOW = 1_800_000_000_000
const made = (agoMs: number) => reference({ createdAt: NOW - agoMs })

describe('Papara cancel: an unpaid payment lapses after Papara’s hour', () => {
  it('confirms a payment still waiting once the hour is over', async () => {
    const p = fakePapara([() => succeeded(paparaPayment({ status: 0 }))])
    expect(await papara.cancel(p.ctx, made(UNPAID_LIFETIME_MS))).toEqual({ kind: 'succeeded' })
    expect(p.sent[0]).toMatchObject({ method: 'GET', path: `/payments?id=${PAPARA_ID}` })
  })

  it('confirms a payment Papara made and no longer finds once the hour is over', async () => {
    const p = fakePapara([() => failed(998, 'Payment not found')])
    expect(await papara.cancel(p.ctx, made(UNPAID_LIFETIME_MS))).toEqual({ kind: 'succeeded' })
  })

  it('refuses before the hour is over, saying when it lapses', async () => {
    const p = fakePapara([() => succeeded(paparaPayment({ status: 0 }))])
    const outcome = await papara.cancel(p.ctx, made(10 * 60 * 1000))
    expect(outcome).toMatchObject({ kind: 'rejected', providerCode: 'status_0' })
    expect(outcome.kind === 'rejected' && outcome.reason).toContain(
      new Date(NOW - 10 * 60 * 1000 + UNPAID_LIFETIME_MS).toISOString()
    )
  })

  it('cannot void a paid payment, and trusts no unreadable or missing answer', async () => {
    const paid = fakePapara([() => succeeded(paparaPayment({ status: 1 }))])
    expect(await papara.cancel(paid.ctx, made(UNPAID_LIFETIME_MS))).toMatchObject({
      kind: 'not_supported',
      reason: expect.stringContaining('refund it instead'),
    })
    // Never made at Papara as far as we know (no id): a missing payment proves nothing.
    const noId = fakePapara([() => failed(998, 'Payment not found')])
    expect(
      (await papara.cancel(noId.ctx, { ...made(UNPAID_LIFETIME_MS * 2), providerPaymentId: null }))
        .kind
    ).toBe('unknown')
    const down = fakePapara([() => 'network_error'])
    expect((await papara.cancel(down.ctx, made(UNPAID_LIFETIME_MS))).kind).toBe('unknown')
  })
})
