import { describe, expect, it } from 'vitest'
import { maskBody, recordingFetch } from './call-log'

describe('provider call masking', () => {
  it('cuts card numbers to first 6 + last 4 and drops security codes in JSON', () => {
    const body = JSON.stringify({
      card: { number: '4242424242424242', cvc: '737', holder: 'J D' },
      amount: 100,
    })
    expect(JSON.parse(maskBody(body, [])!)).toEqual({
      card: { number: '424242******4242', cvc: '[redacted]', holder: 'J D' },
      amount: 100,
    })
  })

  it('masks form bodies and numbers with separators, and leaves non-card digits alone', () => {
    const masked = maskBody('cardNumber=4111 1111 1111 1111&cvv=123&orderId=1234567890123', [])!
    expect(masked).toContain('411111******1111')
    expect(masked).toContain('cvv=[redacted]')
    expect(masked).toContain('orderId=1234567890123')
  })

  it('replaces every credential value wherever it appears', () => {
    const masked = maskBody('{"note":"key sk_test_abcdef inside"}', ['sk_test_abcdef'])!
    expect(masked).not.toContain('sk_test_abcdef')
  })

  it('records each call with status and latency', async () => {
    let now = 1000
    const recorder = recordingFetch(
      async () => {
        now += 25
        return new Response('{"ok":true}', { status: 201 })
      },
      ['secret-value'],
      () => now
    )
    const res = await recorder.fetch('https://psp.example/pay?key=secret-value', {
      method: 'POST',
      body: '{"a":1}',
    })
    expect(await res.text()).toBe('{"ok":true}')
    expect(recorder.calls).toEqual([
      {
        method: 'POST',
        url: 'https://psp.example/pay?key=[redacted]',
        status: 201,
        latencyMs: 25,
        request: '{"a":1}',
        response: '{"ok":true}',
      },
    ])
  })
})
