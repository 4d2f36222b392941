/**
 * @module `POST /odeme` (Direkt API 1. adım). With `non_3d=0` PayTR answers the bank's 3-D Secure
 * page: here an auto-posting form to the simulated bank (`/bank/3d/<session>`) that carries only
 * the bank's session fields, never the card. With `non_3d=1` and `sync_mode=1` it charges at once
 * and answers `{status: "success"|"failed"|"wait_callback", msg}` ("SYNC MODE YANITLARI"); with
 * `sync_mode=0` it sends the browser to `merchant_ok_url` or `merchant_fail_url`. `store_card=1`
 * stores a paying card under a PayTR user (its `utoken`/`ctoken` come with the answer and the
 * notification); `utoken` + `ctoken` + `recurring_payment=1` charges a stored card, non-3-D, in
 * JSON ("Kayıtlı Kart Tekrarlayan Ödeme"). Every result is also notified to the store.
 */
import { autoPostPage, redirectTo } from '../kit/pages.ts'
import type { SimulatorKit } from '../kit/types.ts'
import { dropConnection } from '../kit/types.ts'
import {
  CURRENCIES,
  decimalToKurus,
  failed,
  isBasket,
  isUrl,
  json,
  serverError,
  unescapeHtml,
} from './http.ts'
import { cardRefusal, settle } from './results.ts'
import { tokenHolds } from './signing.ts'
import { type Order, type PaytrStore, randomText } from './store.ts'

const NON_EMPTY = [
  'merchant_id',
  'user_ip',
  'merchant_oid',
  'email',
  'payment_amount',
  'paytr_token',
]
const INSTALLMENTS = ['0', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12']

/** JSON ("JSON tipinde"); HTML entities, as PayTR's Postman script leaves them, are decoded. */
function basketOf(text: string | null): unknown {
  try {
    return JSON.parse(unescapeHtml(text ?? ''))
  } catch {
    return undefined
  }
}

/** The card fields, checked only when no stored card (`utoken` + `ctoken`) pays. */
function cardChecks(form: URLSearchParams): [string, boolean][] {
  const month = Number(form.get('expiry_month'))
  return [
    ['cc_owner', !!form.get('cc_owner') && (form.get('cc_owner') ?? '').length <= 50],
    ['card_number', /^\d{16}$/.test(form.get('card_number') ?? '')],
    ['expiry_month', /^\d{1,2}$/.test(form.get('expiry_month') ?? '') && month >= 1 && month <= 12],
    ['expiry_year', /^\d{2}$/.test(form.get('expiry_year') ?? '')],
    ['cvv', /^\d{3}$/.test(form.get('cvv') ?? '')],
  ]
}

function invalidField(form: URLSearchParams): string | undefined {
  const missing = NON_EMPTY.find((f) => !form.get(f))
  if (missing) return missing
  const absent = ['user_name', 'user_address', 'user_phone'].find((f) => form.get(f) === null)
  if (absent) return absent
  const checks: [string, boolean][] = [
    ['merchant_oid', /^[A-Za-z0-9]{1,64}$/.test(form.get('merchant_oid') ?? '')],
    ['user_ip', (form.get('user_ip') ?? '').length <= 39],
    ['payment_type', form.get('payment_type') === 'card'],
    ['payment_amount', (decimalToKurus(form.get('payment_amount')) ?? 0) > 0],
    ['installment_count', INSTALLMENTS.includes(form.get('installment_count') ?? '')],
    ['currency', CURRENCIES.includes(form.get('currency') ?? '')],
    ['non_3d', ['0', '1'].includes(form.get('non_3d') ?? '')],
    ['merchant_ok_url', isUrl(form.get('merchant_ok_url'))],
    ['merchant_fail_url', isUrl(form.get('merchant_fail_url'))],
    ['user_basket', isBasket(basketOf(form.get('user_basket')))],
    // "Tekrarlayan ödeme için 1 gönderilmelidir": recurring charges are non-3-D.
    ['non_3d', form.get('recurring_payment') !== '1' || form.get('non_3d') === '1'],
    ...(form.get('ctoken') ? [] : cardChecks(form)),
  ]
  return checks.find(([, ok]) => !ok)?.[0]
}

/** The bank's first page: an auto-posting form with its own session fields (no card data). */
function bankPage(base: string, session: string) {
  return autoPostPage('3D Secure', `${base}/bank/3d/${session}`, {
    MD: session,
    PaReq: randomText(64),
    TermUrl: `${base}/odeme/3d-return`,
  })
}

async function chargeNow(
  kit: SimulatorKit,
  store: PaytrStore,
  order: Order,
  form: URLSearchParams
) {
  const testFailure =
    order.testMode === '1' && form.get('non3d_test_failed') === '1'
      ? { code: '0', message: 'Non3D test: işlem başarısız.' }
      : undefined
  await settle(kit, store, order, testFailure ?? cardRefusal(order.cardNumber ?? ''))
  const ok = order.result === 'success'
  const answersJson = form.get('sync_mode') === '1' || form.get('recurring_payment') === '1'
  if (!answersJson) return redirectTo(ok ? order.okUrl : order.failUrl)
  if (!ok)
    return json({ status: 'failed', msg: order.failedReason?.message ?? '', try_again: false })
  return json({ status: 'success', msg: 'Ödeme Başarılı.', ...order.stored })
}

export async function directPayment(
  kit: SimulatorKit,
  store: PaytrStore,
  form: URLSearchParams,
  base: string
): Promise<Response> {
  const merchant = store.merchants.get(form.get('merchant_id') ?? '')
  if (!merchant) return failed('Zorunlu alan degeri gecersiz: merchant_id')
  const invalid = invalidField(form)
  if (invalid) return failed(`Zorunlu alan degeri gecersiz: ${invalid}`)
  if (!tokenHolds(merchant, 'direct', form)) return failed('paytr_token gecersiz')
  const fault = kit.fault(
    merchant.id,
    form.get('recurring_payment') === '1' ? 'recurring' : 'create'
  )
  if (fault === 'http_500') return serverError()
  const oid = form.get('merchant_oid')!
  const existing = store.order(merchant.id, oid)
  if (existing) {
    return existing.result === 'waiting'
      ? json({
          status: 'failed',
          msg: 'Henüz devam eden bir işleminiz bulunmaktadır, sonuçlandıktan sonra tekrar deneyebilirsiniz.',
          try_again: true,
        })
      : failed('merchant_oid daha once kullanilmis, benzersiz olmalidir')
  }
  const stored = form.get('ctoken')
    ? store.storedCard(merchant.id, form.get('utoken') ?? '', form.get('ctoken') ?? '')
    : undefined
  if (form.get('ctoken') && !stored) {
    return json({ status: 'failed', msg: 'Kart bulunamadı veya silinmiş.', try_again: false })
  }
  const order = store.addOrder({
    merchantId: merchant.id,
    oid,
    via: 'direct',
    amountKurus: decimalToKurus(form.get('payment_amount'))!,
    currency: form.get('currency') || 'TL',
    email: form.get('email')!,
    testMode: form.get('test_mode') === '1' ? '1' : '0',
    okUrl: form.get('merchant_ok_url')!,
    failUrl: form.get('merchant_fail_url')!,
    result: 'waiting',
    cardNumber: stored?.number ?? form.get('card_number')!,
    storeCard:
      form.get('store_card') === '1' && !stored
        ? {
            utoken: form.get('utoken') || undefined,
            month: form.get('expiry_month')!,
            year: form.get('expiry_year')!,
            owner: form.get('cc_owner')!,
          }
        : undefined,
    refunds: [],
  })
  kit.count(merchant.id, 'direct_payment')
  const answer =
    form.get('non_3d') === '1'
      ? await chargeNow(kit, store, order, form)
      : bankPage(base, store.openBankSession(order))
  return fault === 'drop' ? dropConnection() : answer
}
