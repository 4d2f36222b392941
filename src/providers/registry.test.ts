import { describe, expect, it } from 'vitest'
import { describeConfigKeys } from './config-schema'
import { validateCredentials } from './credentials'
import { findProvider, PROVIDERS } from './registry'

const configure = (id: string, values: Record<string, string>) =>
  validateCredentials(
    findProvider(id)!.configSchema,
    Object.entries(values).map(([key, value]) => ({ key, value }))
  )

describe('the provider registry', () => {
  it('describes every key of every provider', () => {
    for (const provider of PROVIDERS) {
      for (const key of describeConfigKeys(provider.configSchema)) {
        expect(key.description, `${provider.id}.${key.key}`).not.toBe('')
      }
    }
  })

  it("accepts the providers' published test credentials", () => {
    expect(
      configure('paycell', {
        applicationName: 'PAYCELLTEST',
        applicationPassword: 'PaycellTestPassword',
        secureCode: 'PAYCELL12345',
        merchantCode: '9998',
      })
    ).toMatchObject({ ok: true })
    expect(
      configure('nkolay', {
        sx: '118591467|abc',
        sxList: '118591467|abc|def',
        sxCancel: '118591467|abc|ghi',
        secretKey: '_YckdxUbv4vrnMUZ6VQsr',
      })
    ).toMatchObject({ ok: true })
    expect(configure('stripe', { secretKey: 'sk_test_4eC39HqLyjWDarjtT1zdp7dc' })).toMatchObject({
      ok: true,
    })
  })

  it('lists missing, unknown and malformed keys', () => {
    expect(configure('stripe', { secretKey: 'pk_test_123', baseUrl: 'https://x' })).toEqual({
      ok: false,
      missing: [],
      unknown: ['baseUrl'],
      invalid: [{ key: 'secretKey', message: expect.stringContaining('Stripe') }],
    })
    expect(configure('paytr', { merchantId: '1' })).toMatchObject({
      ok: false,
      missing: ['merchantKey', 'merchantSalt'],
    })
  })

  it('takes no URL where a provider needs a host label (Adyen live prefix)', () => {
    const adyen = { apiKey: 'AQE…', merchantAccount: 'ShopECOM' }
    expect(
      configure('adyen', {
        ...adyen,
        liveEndpointUrlPrefix: '1797a841fbb37ca7-AdyenDemo'.toLowerCase(),
      })
    ).toMatchObject({ ok: true })
    for (const prefix of ['evil.com/x', 'https://evil.com', 'a.b', '-x', 'x--']) {
      expect(configure('adyen', { ...adyen, liveEndpointUrlPrefix: prefix }), prefix).toMatchObject(
        { ok: false }
      )
    }
  })

  it('refuses surrounding whitespace in values', () => {
    expect(configure('iyzico', { apiKey: ' key', secretKey: 'secret' })).toMatchObject({
      ok: false,
    })
  })
})
