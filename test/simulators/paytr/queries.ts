/**
 * @module `POST /odeme/durum-sorgu` and `POST /odeme/iade`, with the `err_no` tables of
 * dev.paytr.com/hata-kodlari. The status answer lists the order's refunds (`returns`, with the
 * `reference_no` sent); a refund may not take more than what is left of the payment (009).
 */
import type { SimulatorKit } from '../kit/types.ts'
import { dropConnection } from '../kit/types.ts'
import { apiError, decimalToKurus, json, kurusToDecimal, serverError } from './http.ts'
import { tokenHolds } from './signing.ts'
import { type PaytrStore, paytrDate } from './store.ts'

export function statusQuery(kit: SimulatorKit, store: PaytrStore, form: URLSearchParams) {
  const merchant = store.merchants.get(form.get('merchant_id') ?? '')
  if (!merchant) return apiError('001', 'Gecersiz istek veya magaza aktif degil')
  const oid = form.get('merchant_oid') ?? ''
  if (!oid) return apiError('002', 'Gecersiz merchant_oid')
  if (!tokenHolds(merchant, 'status', form)) {
    return apiError('003', 'paytr_token gonderilmedi veya gecersiz')
  }
  if (kit.fault(merchant.id, 'status') === 'http_500') return serverError()
  kit.count(merchant.id, 'status_query')
  const order = store.order(merchant.id, oid)
  if (!order) return apiError('004', 'merchant_oid ile islem bulunamadi')
  if (order.result !== 'success')
    return apiError('004', 'merchant_oid ile basarili odeme bulunamadi')
  const amount = kurusToDecimal(order.amountKurus)
  return json({
    status: 'success',
    payment_amount: amount,
    payment_total: amount,
    payment_date: order.paidAt,
    currency: order.currency,
    taksit: '0',
    kart_marka: '',
    masked_pan: order.cardNumber
      ? `${order.cardNumber.slice(0, 6)}****${order.cardNumber.slice(-4)}`
      : '',
    odeme_tipi: 'KART',
    test_mode: order.testMode,
    returns: order.refunds.map((r) => ({
      return_amount: kurusToDecimal(r.amountKurus),
      return_date: r.date,
      return_type: '',
      date_completed: r.date,
      return_auth_code: '',
      return_ref_num: '',
      reference_no: r.referenceNo,
      return_source: '',
    })),
  })
}

export function refund(kit: SimulatorKit, store: PaytrStore, form: URLSearchParams) {
  const merchant = store.merchants.get(form.get('merchant_id') ?? '')
  if (!merchant) return apiError('001', 'Gecersiz istek veya magaza aktif degil')
  const oid = form.get('merchant_oid') ?? ''
  if (!oid) return apiError('002', 'Gecersiz merchant_oid')
  const amount = decimalToKurus(form.get('return_amount'))
  if (!amount) return apiError('003', 'Gecersiz return_amount')
  if (!tokenHolds(merchant, 'refund', form)) {
    return apiError('004', 'paytr_token gonderilmedi veya gecersiz')
  }
  const referenceNo = form.get('reference_no') ?? ''
  // The docs say only "alfa numerik", ≤ 64; the simulator refuses anything else as a bad request.
  if (!/^[A-Za-z0-9]{0,64}$/.test(referenceNo)) {
    return apiError('001', 'Gecersiz istek veya magaza aktif degil')
  }
  const fault = kit.fault(merchant.id, 'refund')
  if (fault === 'http_500') return serverError()
  const order = store.order(merchant.id, oid)
  // "Sipariş numarası yok ise status değeri failed olarak dönecektir", without a number.
  if (!order) return json({ status: 'failed', err_msg: 'merchant_oid ile islem bulunamadi' })
  if (order.result !== 'success') {
    return apiError('005', 'merchant_oid ile basarili odeme bulunamadi')
  }
  if (store.refundedKurus(order) + amount > order.amountKurus) {
    return apiError('009', 'Toplam iade tutari odeme tutarindan fazla olamaz')
  }
  order.refunds.push({ amountKurus: amount, referenceNo, date: paytrDate(kit.now()) })
  kit.count(merchant.id, 'refund')
  if (fault === 'drop') return dropConnection()
  return json({
    status: 'success',
    is_test: order.testMode,
    merchant_oid: oid,
    return_amount: form.get('return_amount'),
    ...(referenceNo ? { reference_no: referenceNo } : {}),
  })
}
