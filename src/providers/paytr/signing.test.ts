import { describe, expect, it } from 'vitest'
import { toBase64, utf8 } from '../../crypto/encoding'
import { iframeBasket } from './requests'
import {
  cardDeleteHashStr,
  cardListHashStr,
  directHashStr,
  iframeHashStr,
  notificationHash,
  paytrToken,
  refundHashStr,
  statusHashStr,
  verifyNotificationHash,
} from './signing'
import { CONFIG } from './test-context'

/**
 * PayTR publishes no test vectors (dev.paytr.com has an interactive "Hash Hesaplama" page only).
 * These were computed with Python's hmac over the documented strings for merchant 123456, key
 * TESTKEY123, salt TESTSALT456, and recomputed here and in the simulator.
 */
const SECRETS = { merchantKey: CONFIG.merchantKey, merchantSalt: CONFIG.merchantSalt }
const POSTMAN_BASKET_B64 =
  'W1siw5xyw7xuIEFkxLEgMSIsIjE4LjAwIiwxXSxbIsOccsO8biBBZMSxIDEiLCIxOC4wMCIsMV1d'

describe('PayTR paytr_token', () => {
  it('signs the iFrame fields in the documented order, the basket as sent (base64)', async () => {
    const hashStr = iframeHashStr({
      merchant_id: '123456',
      user_ip: '1.2.3.4',
      merchant_oid: 'ORDER123',
      email: 'example@mail.com',
      payment_amount: '1000',
      user_basket: POSTMAN_BASKET_B64,
      no_installment: '0',
      max_installment: '0',
      currency: 'TL',
      test_mode: '1',
    })
    expect(hashStr).toBe(`1234561.2.3.4ORDER123example@mail.com1000${POSTMAN_BASKET_B64}00TL1`)
    expect(await paytrToken(SECRETS, hashStr)).toBe('VkkJI+ZRFsUv+Js5d0MNQ+mw60Aq5oHRRqM4ZM6vtCM=')
  })

  it('encodes the basket as the Postman script does: base64 of the UTF-8 JSON', () => {
    const basket: [string, string, number][] = [
      ['Ürün Adı 1', '18.00', 1],
      ['Ürün Adı 1', '18.00', 1],
    ]
    expect(iframeBasket(basket)).toBe(POSTMAN_BASKET_B64)
  })

  it('signs the Direct API fields', async () => {
    const hashStr = directHashStr({
      merchant_id: '123456',
      user_ip: '1.2.3.4',
      merchant_oid: 'ORDER123',
      email: 'example@mail.com',
      payment_amount: '9.99',
      payment_type: 'card',
      installment_count: '0',
      currency: 'TL',
      test_mode: '1',
      non_3d: '0',
    })
    expect(hashStr).toBe('1234561.2.3.4ORDER123example@mail.com9.99card0TL10')
    expect(await paytrToken(SECRETS, hashStr)).toBe('Xff7SIwRJUfhHNrI2Jo8sYIRR/ZTCYkKz5glkMsTL3Y=')
  })

  it('signs a refund over the exact return_amount string', async () => {
    const hashStr = refundHashStr({
      merchant_id: '123456',
      merchant_oid: 'ORDER123',
      return_amount: '11.97',
    })
    expect(await paytrToken(SECRETS, hashStr)).toBe('q5g91qKD1tkEGi2109SwHVWFJ00Wl3p49kxiYESOshY=')
  })

  it('signs the card storage list over utoken and the delete over ctoken + utoken', async () => {
    const list = cardListHashStr({ utoken: 'utokABC' })
    expect(await paytrToken(SECRETS, list)).toBe('dXbMGbb03PsYybjOKxjlOjXiusI8e6N5n4W0S8xJ9YI=')
    const remove = cardDeleteHashStr({ ctoken: 'ctokXYZ', utoken: 'utokABC' })
    expect(remove).toBe('ctokXYZutokABC')
    expect(await paytrToken(SECRETS, remove)).toBe('Kz+IWIF6gCBL6r3kuZe7svwTfmWBDVTC3nNzvT8Ou0Q=')
  })

  it('signs a status query', async () => {
    const hashStr = statusHashStr({ merchant_id: '123456', merchant_oid: 'ORDER123' })
    expect(await paytrToken(SECRETS, hashStr)).toBe('FqrRunfswB9jetkIMIB8nwx/7T9R0ZQxqhBJ7/OR5Fs=')
  })
})

/** The test-side signer: PayTR's PHP `base64_encode(hash_hmac('sha256', …, true))`, spelled out. */
async function signedByPaytr(oid: string, status: string, total: string) {
  const key = await crypto.subtle.importKey(
    'raw',
    utf8(CONFIG.merchantKey),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign']
  )
  const text = `${oid}${CONFIG.merchantSalt}${status}${total}`
  return toBase64(await crypto.subtle.sign('HMAC', key, utf8(text)))
}

describe('PayTR notification hash', () => {
  it('is HMAC-SHA256 over merchant_oid + salt + status + total_amount', async () => {
    const fields = { merchant_oid: 'ORDER123', status: 'success', total_amount: '1000' }
    expect(await notificationHash(SECRETS, fields)).toBe(
      'MGt+SE0BeW/BbcY9smhS07yU6mO5+RKsshlGAwWdtZM='
    )
    expect(await signedByPaytr('ORDER123', 'success', '1000')).toBe(
      'MGt+SE0BeW/BbcY9smhS07yU6mO5+RKsshlGAwWdtZM='
    )
  })

  it('verifies a genuine hash and refuses any change to the signed fields', async () => {
    const hash = await signedByPaytr('ORDER123', 'success', '1000')
    const fields = { merchant_oid: 'ORDER123', status: 'success', total_amount: '1000', hash }
    expect(await verifyNotificationHash(SECRETS, fields)).toBe(true)
    expect(await verifyNotificationHash(SECRETS, { ...fields, total_amount: '100' })).toBe(false)
    expect(await verifyNotificationHash(SECRETS, { ...fields, status: 'failed' })).toBe(false)
    expect(await verifyNotificationHash(SECRETS, { ...fields, merchant_oid: 'ORDER124' })).toBe(
      false
    )
    expect(await verifyNotificationHash(SECRETS, { ...fields, hash: '' })).toBe(false)
  })
})
