/**
 * @module How an order ends in the simulator, and the notification PayTR then posts to the
 * store's "Bildirim URL": `merchant_oid, status, total_amount, hash, failed_reason_code,
 * failed_reason_msg, test_mode, payment_type, currency, payment_amount, installment_count`
 * (dev.paytr.com/direkt-api/direkt-api-2-adim). Amounts in kuruş; `total_amount` is 0 when failed.
 * Test cards: the three of the Direct API docs (paytr/paytr-postman README) pay; two cards of this
 * simulator decline, one of them for insufficient limit or balance, in the bank's words.
 */
import type { SimulatorKit } from '../kit/types.ts'
import { notificationHash } from './signing.ts'
import { type Order, type PaytrStore, paytrDate } from './store.ts'

export const PAYING_CARDS = ['4355084355084358', '5406675406675403', '9792030394440796']

const DECLINING_CARDS: Record<string, { code: string; message: string }> = {
  '4000000000000002': { code: '0', message: 'Kart işlemi banka tarafından onaylanmadı.' },
  '4000000000009995': { code: '0', message: 'Kartın limiti / bakiyesi yetersiz.' },
}

/** What the bank says of a card: undefined pays, otherwise PayTR's failed_reason. */
export function cardRefusal(cardNumber: string): { code: string; message: string } | undefined {
  if (PAYING_CARDS.includes(cardNumber)) return undefined
  return DECLINING_CARDS[cardNumber] ?? { code: '0', message: 'Geçersiz test kartı.' }
}

export const SHOPPER_GAVE_UP = {
  code: '6',
  message: 'Müşteri ödeme yapmaktan vazgeçti ve ödeme sayfasından ayrıldı.',
}
export const AUTHENTICATION_FAILED = {
  code: '2',
  message: 'Kimlik Doğrulama başarısız. Lütfen tekrar deneyin ve şifreyi doğru girin.',
}

async function notify(kit: SimulatorKit, store: PaytrStore, order: Order) {
  const merchant = store.merchants.get(order.merchantId)
  if (!merchant?.notificationUrl) return
  const status = order.result === 'success' ? 'success' : 'failed'
  const total = order.result === 'success' ? String(order.amountKurus) : '0'
  const form = new URLSearchParams({
    merchant_oid: order.oid,
    status,
    total_amount: total,
    hash: notificationHash(merchant, order.oid, status, total),
  })
  if (order.failedReason) {
    form.set('failed_reason_code', order.failedReason.code)
    form.set('failed_reason_msg', order.failedReason.message)
  }
  form.set('test_mode', order.testMode)
  form.set('payment_type', 'card')
  form.set('currency', order.currency)
  form.set('payment_amount', String(order.amountKurus))
  form.set('installment_count', '1')
  // "Ödemenin sonucunda gelen bildirimde": the stored card's user token comes with the result.
  if (order.stored) form.set('utoken', order.stored.utoken)
  kit.count(order.merchantId, 'notification')
  await kit.notify(order.merchantId, {
    method: 'POST',
    url: merchant.notificationUrl,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  })
}

/** The order is paid, or failed with `reason`; only a waiting order changes, and notifies once. */
export async function settle(
  kit: SimulatorKit,
  store: PaytrStore,
  order: Order,
  reason?: { code: string; message: string }
) {
  if (order.result !== 'waiting') return
  order.result = reason ? 'failed' : 'success'
  order.failedReason = reason
  if (!reason) {
    order.paidAt = paytrDate(kit.now())
    store.storeCard(order)
  }
  await notify(kit, store, order)
}
