/**
 * GoPay's unsigned `GET /v1/webhooks/gopay?id=…` only asks the gateway to look: it is answered
 * once GoPay's status answer has been applied, and otherwise refused so GoPay sends it again.
 */
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { gopayProfile } from '../conformance/gopay'
import { harnessFor } from '../conformance/harness'
import { armFault, takeNotifications } from '../conformance/simulators'
import { call } from '../helpers/http'

describe('GoPay notifications', () => {
  it('are retried by GoPay while its status query goes unanswered, then applied', async () => {
    const h = await harnessFor(gopayProfile)
    const created = await h.pay(gopayProfile.redirect)
    await h.press(created.body.redirectUrl!, 'pass')
    const sent = await takeNotifications(h.account)
    expect(sent).toHaveLength(1)
    await armFault(h.account, 'status', 'http_500')
    expect(await h.deliver(sent)).toEqual([502])
    const status = () =>
      env.DB.prepare('SELECT status FROM payments WHERE id = ?')
        .bind(created.body.paymentId)
        .first<{ status: string }>()
    expect(await status()).toEqual({ status: 'processing' })
    expect(await h.deliver(sent)).toEqual([200])
    expect(await status()).toEqual({ status: 'successful' })
  })

  it('arrive by GET only', async () => {
    const res = await call('POST', '/v1/webhooks/gopay?id=3000000001', { rawBody: '' })
    expect(res.status).toBe(405)
    expect(res.headers.get('Allow')).toBe('GET')
  })
})
