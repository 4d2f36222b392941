import { describe, expect, it } from 'vitest'
import { fakePapara, ipnBody, notification, PAPARA_ID, SAMPLE_SECRET_KEY } from './test-context'
import { paparaWebhooks } from './webhooks'

/** papara-php-sample `json/result.json`, byte for byte: a real-shaped IPN body. */
const PHP_SAMPLE_IPN =
  '{"merchant":{"legalName":"çaybank","brandName":"çaybank","allowedPaymentTypes":[{"paymentMethod":0,"id":86,"createdAt":"2017-08-07T15:26:58.25"},{"paymentMethod":1,"id":87,"createdAt":"2017-08-07T15:27:04.6"},{"paymentMethod":2,"id":88,"createdAt":"2017-08-07T15:27:10.46"}],"balances":[{"currency":0,"totalBalance":10751.33,"lockedBalance":-10.00,"availableBalance":10741.33,"id":18,"createdAt":"2017-06-30T11:10:51.97"}],"allowedIps":[]},"userId":"6d335894-ad39-46d7-a0e0-8b184f30443b","paymentMethod":0,"paymentMethodDescription":"Papara Hesap Bakiyesi","referenceId":"34","orderDescription":"Ürün açıklaması","status":1,"statusDescription":"Tamamlandı","amount":18.35,"currency":0,"notificationUrl":"http://papara-php-demo.azurewebsites.net/notification.php","notificationDone":false,"redirectUrl":"http://papara-php-demo.azurewebsites.net/redirect.php","paymentUrl":"https://test-master.papara.com/checkout/1ac9f5bb-5112-4f2a-a03e-fdd81d4b5609","merchantSecretKey":"0MkOLqXP0qxzse19AHF1NRPM6LP23lO1QfTGSpW7y/CBanDbRS7LqDMVHMuzMM6J45H6eqhndNJTuUN5oZQdxQ==","returningRedirectUrl":"http://papara-php-demo.azurewebsites.net/redirect.php?paymentId=1ac9f5bb-5112-4f2a-a03e-fdd81d4b5609&referenceId=34&status=1&amount=18.35","id":"1ac9f5bb-5112-4f2a-a03e-fdd81d4b5609","createdAt":"2017-08-27T21:06:19.36"}'

const { ctx } = fakePapara([])
const verify = (body: string, config: Record<string, string> = ctx.config) => {
  const request = notification(body)
  const [parsed] = paparaWebhooks.parse(request)
  return paparaWebhooks.verify({ ...ctx, config }, request, parsed!)
}

describe('Papara notifications', () => {
  it('reads the php-sample IPN as a status query about its payment', () => {
    expect(paparaWebhooks.parse(notification(PHP_SAMPLE_IPN))).toEqual([
      {
        eventId: `${PAPARA_ID}:1`,
        providerPaymentId: PAPARA_ID,
        paymentId: '34',
        change: { kind: 'query_status', signed: true },
      },
    ])
  })

  it('reads the node README sample, whose currency is "TRY"', () => {
    const [parsed] = paparaWebhooks.parse(
      notification(ipnBody(SAMPLE_SECRET_KEY, { currency: 'TRY' }))
    )
    expect(parsed?.providerPaymentId).toBe(PAPARA_ID)
  })

  it('accepts the php-sample IPN under the merchant secret key it carries', async () => {
    expect(await verify(PHP_SAMPLE_IPN)).toBe(true)
    expect(
      await verify(ipnBody('another-merchant-secret-key'), {
        merchantSecretKey: 'another-merchant-secret-key',
      })
    ).toBe(true)
  })

  it('refuses a notification with another key, without a key, or to a tenant without one', async () => {
    expect(await verify(ipnBody('forged'))).toBe(false)
    expect(await verify(ipnBody(`${SAMPLE_SECRET_KEY}x`))).toBe(false)
    expect(await verify(ipnBody(SAMPLE_SECRET_KEY, { merchantSecretKey: null }))).toBe(false)
    expect(await verify(PHP_SAMPLE_IPN, { apiKey: 'test-api-key' })).toBe(false)
  })

  it('reads nothing from a GET, a body that is not a payment, or an unknown status', () => {
    expect(paparaWebhooks.parse(notification(PHP_SAMPLE_IPN, 'GET'))).toEqual([])
    expect(paparaWebhooks.parse(notification('{"id":'))).toEqual([])
    expect(paparaWebhooks.parse(notification(ipnBody(SAMPLE_SECRET_KEY, { status: 7 })))).toEqual(
      []
    )
  })

  it('acknowledges with the 200 Papara waits for', () => {
    expect(paparaWebhooks.acknowledgement.status).toBe(200)
    expect(paparaWebhooks.methods).toEqual(['POST'])
  })
})
