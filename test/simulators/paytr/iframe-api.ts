/**
 * @module `POST /odeme/api/get-token` (iFrame API 1. adım): checks the fields and the token, opens
 * the order and answers `{status:"success", token}`; the payment page is then
 * `/odeme/guvenli/<token>`. Refusals are `{status:"failed", reason}` ("Zorunlu alan degeri
 * gecersiz: merchant_id", the docs' example).
 */
import type { SimulatorKit } from '../kit/types.ts'
import { dropConnection } from '../kit/types.ts'
import { CURRENCIES, failed, isBasket, isUrl, json, serverError } from './http.ts'
import { tokenHolds } from './signing.ts'
import type { PaytrStore } from './store.ts'

const NON_EMPTY = ['merchant_id', 'user_ip', 'merchant_oid', 'email', 'payment_amount']
const PRESENT = ['user_name', 'user_address', 'user_phone', 'no_installment', 'max_installment']
const INSTALLMENTS = ['0', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12']

function decodeBasket(text: string | null): unknown {
  try {
    return JSON.parse(Buffer.from(text ?? '', 'base64').toString('utf8'))
  } catch {
    return undefined
  }
}

/** The first field PayTR would refuse, or undefined. */
function invalidField(form: URLSearchParams): string | undefined {
  const missing = [...NON_EMPTY, 'paytr_token'].find((f) => !form.get(f))
  if (missing) return missing
  const absent = PRESENT.find((f) => form.get(f) === null)
  if (absent) return absent
  const checks: [string, boolean][] = [
    ['user_ip', (form.get('user_ip') ?? '').length <= 39],
    ['merchant_oid', /^[A-Za-z0-9]{1,64}$/.test(form.get('merchant_oid') ?? '')],
    ['email', (form.get('email') ?? '').length <= 100],
    ['payment_amount', /^[1-9]\d{0,12}$/.test(form.get('payment_amount') ?? '')],
    ['currency', CURRENCIES.includes(form.get('currency') ?? '')],
    ['user_basket', isBasket(decodeBasket(form.get('user_basket')))],
    ['no_installment', ['0', '1'].includes(form.get('no_installment') ?? '')],
    ['max_installment', INSTALLMENTS.includes(form.get('max_installment') ?? '')],
    ['user_name', (form.get('user_name') ?? '').length <= 60],
    ['merchant_ok_url', isUrl(form.get('merchant_ok_url'))],
    ['merchant_fail_url', isUrl(form.get('merchant_fail_url'))],
    ['test_mode', ['', '0', '1'].includes(form.get('test_mode') ?? '')],
  ]
  return checks.find(([, ok]) => !ok)?.[0]
}

export function getIframeToken(kit: SimulatorKit, store: PaytrStore, form: URLSearchParams) {
  const merchant = store.merchants.get(form.get('merchant_id') ?? '')
  if (!merchant) return failed('Zorunlu alan degeri gecersiz: merchant_id')
  const invalid = invalidField(form)
  if (invalid) return failed(`Zorunlu alan degeri gecersiz: ${invalid}`)
  if (!tokenHolds(merchant, 'iframe', form)) return failed('paytr_token gecersiz')
  const fault = kit.fault(merchant.id, 'create')
  if (fault === 'http_500') return serverError()
  const oid = form.get('merchant_oid')!
  let order = store.order(merchant.id, oid)
  if (order && (order.result !== 'waiting' || order.via !== 'iframe')) {
    return failed('merchant_oid daha once kullanilmis, benzersiz olmalidir')
  }
  order ??= store.addOrder({
    merchantId: merchant.id,
    oid,
    via: 'iframe',
    amountKurus: Number(form.get('payment_amount')),
    currency: form.get('currency') || 'TL',
    email: form.get('email')!,
    testMode: form.get('test_mode') === '1' ? '1' : '0',
    okUrl: form.get('merchant_ok_url')!,
    failUrl: form.get('merchant_fail_url')!,
    result: 'waiting',
    refunds: [],
  })
  const token = store.issueIframeToken(order)
  kit.count(merchant.id, 'iframe_token')
  if (fault === 'drop') return dropConnection()
  return json({ status: 'success', token })
}
