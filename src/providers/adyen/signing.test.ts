import HmacValidator from '@adyen/api-library/lib/src/utils/hmacValidator'
import { describe, expect, it } from 'vitest'
import {
  adyenHmac,
  keyValueSigningString,
  notificationSigningString,
  type SignedItem,
  verifyItemSignature,
} from './signing'

// Published vectors: Adyen/adyen-node-api-library src/__tests__/hmacValidator.spec.ts
const SDK_KEY = 'DFB1EB5485895CFA84146406857104ABB4CBCABDC8AAF103A624C8F6A3EAAB00'
const NEGATIVE_CASE_KEY = 'DFB1EB5485295588A7DED4CF1BB4CA24C2B41BFC33C5EA6CA05B2A87F98F1F55'

const vectorItem = (eventCode: string): SignedItem => ({
  pspReference: 'pspReference',
  originalReference: 'originalReference',
  merchantAccountCode: 'merchantAccount',
  merchantReference: 'reference',
  amount: { currency: 'EUR', value: 1000 },
  eventCode,
  success: 'true',
})

describe('Adyen notification signing string', () => {
  it('joins the eight signed fields with colons, in the SDK order', () => {
    expect(notificationSigningString(vectorItem('EVENT'))).toBe(
      'pspReference:originalReference:merchantAccount:reference:1000:EUR:EVENT:true'
    )
    expect(notificationSigningString(vectorItem('REPORT_AVAILABLE'))).toBe(
      'pspReference:originalReference:merchantAccount:reference:1000:EUR:REPORT_AVAILABLE:true'
    )
  })

  it('writes a missing field as the empty string and escapes nothing', () => {
    const { originalReference: _, ...item } = vectorItem('AUTHORISATION')
    expect(notificationSigningString({ ...item, merchantReference: 'a:b' })).toBe(
      'pspReference::merchantAccount:a:b:1000:EUR:AUTHORISATION:true'
    )
  })
})

describe('Adyen HMAC vectors', () => {
  it('signs the notification item vector of the SDK', async () => {
    const data = notificationSigningString(vectorItem('EVENT'))
    expect(await adyenHmac(SDK_KEY, data)).toBe('ipnxGCaUZ4l8TUW75a71/ghd2Fe5ffvX0pV4TLTntIc=')
  })

  it('signs the REPORT_AVAILABLE item of the SDK', async () => {
    const data = notificationSigningString(vectorItem('REPORT_AVAILABLE'))
    expect(await adyenHmac(SDK_KEY, data)).toBe('ZNBPtI+oDyyRrLyD1XirkKnQgIAlFc07Vj27TeHsDRE=')
  })

  it('signs the hosted payment page string of the SDK', async () => {
    const data =
      'countryCode:currencyCode:merchantAccount:merchantReference:paymentAmount:sessionValidity:skinCode:NL:EUR:MagentoMerchantTest2:TEST-PAYMENT-2017-02-01-14\\:02\\:05:199:2017-02-02T14\\:02\\:05+01\\:00:PKz2KML1'
    expect(await adyenHmac(SDK_KEY, data)).toBe('34oR8T1whkQWTv9P+SzKyp8zhusf9n0dpqrm9nsqSJs=')
  })

  it('builds the key-value signing strings of the SDK, escaping \\ and :', () => {
    expect(keyValueSigningString({ merchantAccount: 'ACC', currencyCode: 'EUR' })).toBe(
      'currencyCode:merchantAccount:EUR:ACC'
    )
    expect(
      keyValueSigningString({
        currencyCode: 'EUR',
        merchantAccount: 'ACC:\\',
        sessionValidity: '2019-09-21T11:45:24.637Z',
      })
    ).toBe(
      'currencyCode:merchantAccount:sessionValidity:EUR:ACC\\:\\\\:2019-09-21T11\\:45\\:24.637Z'
    )
  })
})

describe('Adyen signature verification', () => {
  it('accepts the published signature and refuses any change to a signed field', async () => {
    const item = vectorItem('EVENT')
    const signature = 'ipnxGCaUZ4l8TUW75a71/ghd2Fe5ffvX0pV4TLTntIc='
    expect(await verifyItemSignature(SDK_KEY, item, signature)).toBe(true)
    expect(await verifyItemSignature(SDK_KEY, { ...item, success: 'false' }, signature)).toBe(false)
    expect(
      await verifyItemSignature(
        SDK_KEY,
        { ...item, amount: { currency: 'EUR', value: 1001 } },
        signature
      )
    ).toBe(false)
    expect(await verifyItemSignature(SDK_KEY, item, 'notValidSign')).toBe(false)
  })

  it('returns false, not an exception, for a 44-character signature that decodes to 33 bytes', async () => {
    const malformed = 'A'.repeat(44)
    const item: SignedItem = { ...vectorItem('AUTHORISATION') }
    expect(await verifyItemSignature(NEGATIVE_CASE_KEY, item, malformed)).toBe(false)
    expect(await verifyItemSignature(SDK_KEY, vectorItem('EVENT'), malformed)).toBe(false)
  })

  it('refuses a missing signature, broken base64 and a key that is not hex', async () => {
    const item = vectorItem('EVENT')
    expect(await verifyItemSignature(SDK_KEY, item, undefined)).toBe(false)
    expect(await verifyItemSignature(SDK_KEY, item, '')).toBe(false)
    expect(await verifyItemSignature(SDK_KEY, item, '%%%')).toBe(false)
    expect(
      await verifyItemSignature('not-hex', item, 'ipnxGCaUZ4l8TUW75a71/ghd2Fe5ffvX0pV4TLTntIc=')
    ).toBe(false)
  })
})

describe("cross-check with Adyen's own HmacValidator (@adyen/api-library)", () => {
  const validator = new HmacValidator()
  const key = '44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056'

  it('agrees on signatures a merchant would validate', async () => {
    for (const merchantReference of ['pay_01JF4M0000000000000000000', 're_01JF:with:colons', '']) {
      const item = {
        pspReference: 'QFQTPCQ8HXSKGK82',
        originalReference: '',
        merchantAccountCode: 'SimMerchant_ECOM',
        merchantReference,
        amount: { currency: 'IDR', value: 150000 },
        eventCode: 'AUTHORISATION',
        success: 'true',
      }
      const ours = await adyenHmac(key, notificationSigningString(item))
      // biome-ignore lint/suspicious/noExplicitAny: the SDK's item type has required fields we leave out on purpose
      const sdkItem = { ...item, eventDate: '', additionalData: { hmacSignature: ours } } as any
      expect(validator.calculateHmac(sdkItem, key)).toBe(ours)
      expect(validator.validateHMAC(sdkItem, key)).toBe(true)
    }
  })
})
