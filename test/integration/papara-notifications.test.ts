/**
 * Papara specifics through the gateway: its notifications carry the merchant secret key in the
 * body, and the gateway keeps a notification's body only masked; a shopper who left Papara's page
 * may still pay, so the payment stays pending and a later payment is applied.
 */
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { harnessFor } from '../conformance/harness'
import { paparaProfile } from '../conformance/papara'

describe('Papara notifications', () => {
  it('are kept without the merchant secret key they carry', async () => {
    const h = await harnessFor(paparaProfile)
    const created = await h.pay(paparaProfile.redirect)
    await h.press(created.body.redirectUrl!, 'pass')
    expect(await h.deliver()).toEqual([200])
    const secret = h.account.configs.find((c) => c.key === 'merchantSecretKey')!.value
    const rows = await env.DB.prepare(
      'SELECT raw_body FROM provider_notifications WHERE payment_id = ?'
    )
      .bind(created.body.paymentId)
      .all<{ raw_body: string }>()
    expect(rows.results.length).toBeGreaterThan(0)
    for (const row of rows.results) {
      expect(row.raw_body).not.toContain(secret)
      expect(JSON.parse(row.raw_body).merchantSecretKey).toBe('[redacted]')
    }
  })

  it('apply a payment made after the shopper had left the page once', async () => {
    const h = await harnessFor(paparaProfile)
    const created = await h.pay(paparaProfile.redirect)
    await h.comeBack(await h.press(created.body.redirectUrl!, 'fail'))
    expect((await h.get(created.body.paymentId)).status).toBe('pending')
    await h.press(created.body.redirectUrl!, 'pass')
    expect(await h.deliver()).toEqual([200])
    expect((await h.get(created.body.paymentId)).status).toBe('successful')
  })
})
