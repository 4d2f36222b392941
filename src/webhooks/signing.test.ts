import { Webhook } from 'standardwebhooks'
import { describe, expect, it } from 'vitest'
import { generateWebhookSecret, signWebhook, webhookHeaders } from './signing'

describe('Standard Webhooks signatures', () => {
  it("matches the spec's published example", async () => {
    // https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md
    const signature = await signWebhook(
      'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      'msg_p5jXN8AQM9LWM0D4loKWxJek',
      1614265330,
      '{"test": 2432232314}'
    )
    expect(signature).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=')
  })

  it('verifies with the standardwebhooks package, as a merchant would', async () => {
    const secret = generateWebhookSecret()
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/)
    const body = JSON.stringify({ type: 'payment.succeeded', data: { paymentId: 'pay_1' } })
    const timestamp = Math.floor(Date.now() / 1000)
    const headers = await webhookHeaders([secret], 'msg_1', timestamp, body)
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body))
    expect(() => new Webhook(generateWebhookSecret()).verify(body, headers)).toThrow()
    expect(() => new Webhook(secret).verify(`${body} `, headers)).toThrow()
  })

  it('signs with both secrets during a rotation, so either verifies', async () => {
    const [oldSecret, newSecret] = [generateWebhookSecret(), generateWebhookSecret()]
    const body = '{"a":1}'
    const headers = await webhookHeaders(
      [newSecret, oldSecret],
      'msg_2',
      Math.floor(Date.now() / 1000),
      body
    )
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2)
    expect(new Webhook(oldSecret).verify(body, headers)).toEqual({ a: 1 })
    expect(new Webhook(newSecret).verify(body, headers)).toEqual({ a: 1 })
  })
})
