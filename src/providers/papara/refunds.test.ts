import { describe, expect, it } from 'vitest'
import { paparaProvider as papara } from './adapter'
import { WHOLE_ONLY } from './refunds'
import {
  failed,
  fakePapara,
  json,
  PAPARA_ID,
  paparaPayment,
  reference,
  succeeded,
} from './test-context'

const full = { refundId: 'ref_1', amountMinor: 1835, retry: false }

describe('Papara refunds', () => {
  it('refunds the whole payment with PUT /payments?id= and no body', async () => {
    const p = fakePapara([() => succeeded(true)])
    expect(await papara.refund(p.ctx, reference(), full)).toEqual({ kind: 'succeeded' })
    expect(p.sent).toHaveLength(1)
    expect(p.sent[0]).toMatchObject({ method: 'PUT', path: `/payments?id=${PAPARA_ID}`, body: '' })
    expect(p.sent[0]!.headers.apikey).toBe('test-api-key')
  })

  it('does not support a partial refund, nor a second one', async () => {
    const p = fakePapara([() => succeeded(true)])
    const part = await papara.refund(p.ctx, reference(), { ...full, amountMinor: 500 })
    const rest = await papara.refund(p.ctx, reference({ refundedMinor: 500 }), {
      ...full,
      amountMinor: 1335,
    })
    expect(part).toEqual({ kind: 'not_supported', reason: WHOLE_ONLY })
    expect(rest).toEqual({ kind: 'not_supported', reason: WHOLE_ONLY })
    expect(p.sent).toHaveLength(0)
  })

  it('sent again after a lost answer, asks first and does not refund twice', async () => {
    const p = fakePapara([
      (r) => (r.method === 'GET' ? succeeded(paparaPayment({ status: 2 })) : undefined),
    ])
    expect(await papara.refund(p.ctx, reference(), { ...full, retry: true })).toEqual({
      kind: 'succeeded',
    })
    expect(p.sent.map((r) => r.method)).toEqual(['GET'])
  })

  it('sent again when the first never arrived, refunds after asking', async () => {
    const p = fakePapara([
      (r) => (r.method === 'GET' ? succeeded(paparaPayment({ status: 1 })) : succeeded(true)),
    ])
    expect(await papara.refund(p.ctx, reference(), { ...full, retry: true })).toEqual({
      kind: 'succeeded',
    })
    expect(p.sent.map((r) => r.method)).toEqual(['GET', 'PUT'])
  })

  it('stays unknown when the status before a retry cannot be read', async () => {
    const p = fakePapara([() => json(503, '')])
    expect((await papara.refund(p.ctx, reference(), { ...full, retry: true })).kind).toBe('unknown')
    expect(p.sent.map((r) => r.method)).toEqual(['GET'])
  })

  it('passes a refusal on, and keeps a system error or a lost answer unknown', async () => {
    const refused = fakePapara([() => failed(998, 'Only completed payments can be refunded.')])
    expect(await papara.refund(refused.ctx, reference(), full)).toEqual({
      kind: 'rejected',
      reason: 'Only completed payments can be refunded. (Papara error 998)',
      providerCode: '998',
    })
    for (const answer of [failed(999), 'network_error' as const, json(502, '')]) {
      const p = fakePapara([() => answer])
      expect((await papara.refund(p.ctx, reference(), full)).kind).toBe('unknown')
    }
  })

  it('cannot refund a payment Papara never named', async () => {
    const p = fakePapara([() => succeeded(true)])
    const outcome = await papara.refund(p.ctx, reference({ providerPaymentId: null }), full)
    expect(outcome.kind).toBe('rejected')
  })

  it('has no capture', async () => {
    const p = fakePapara([])
    expect(await papara.capture(p.ctx, reference(), 1835)).toEqual({ kind: 'not_supported' })
  })
})
