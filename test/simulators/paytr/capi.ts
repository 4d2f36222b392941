/**
 * @module Card storage services: `POST /odeme/capi/list` (token over `utoken`) answers the user's
 * cards, or `{}` when nothing matches; `POST /odeme/capi/delete` (token over `ctoken + utoken`)
 * answers `{status: "success"}` or `{status: "error", err_msg}` ("Kart yok veya daha önce
 * silinmiş"). Fields as on dev.paytr.com (Kayıtlı Kart Listesi, Kayıtlı Kart Silme).
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import type { SimulatorKit } from '../kit/types.ts'
import { dropConnection } from '../kit/types.ts'
import { json, serverError } from './http.ts'
import type { Merchant, PaytrStore } from './store.ts'

function holds(merchant: Merchant, form: URLSearchParams, hashStr: string) {
  const expected = Buffer.from(
    createHmac('sha256', merchant.key)
      .update(hashStr + merchant.salt, 'utf8')
      .digest('base64')
  )
  const sent = Buffer.from(form.get('paytr_token') ?? '')
  return sent.length === expected.length && timingSafeEqual(sent, expected)
}

const error = (message: string) => json({ status: 'error', err_msg: message })

export function listCards(store: PaytrStore, form: URLSearchParams) {
  const merchant = store.merchants.get(form.get('merchant_id') ?? '')
  if (!merchant) return error('Gecersiz istek veya magaza aktif degil')
  const utoken = form.get('utoken') ?? ''
  if (!holds(merchant, form, utoken)) return error('paytr_token gonderilmedi veya gecersiz')
  const user = store.cardUsers.get(utoken)
  if (!user || user.merchantId !== merchant.id || user.cards.length === 0) return json({})
  return json(
    user.cards.map((card) => ({
      ctoken: card.ctoken,
      last_4: card.number.slice(-4),
      require_cvv: '0',
      month: card.month.padStart(2, '0'),
      year: card.year,
      c_bank: 'Test Bank',
      c_name: card.owner,
      c_brand: 'bonus',
      c_type: 'credit',
      businessCard: 'n',
      initial: card.number[0],
      schema: card.number.startsWith('4') ? 'VISA' : 'MASTERCARD',
    }))
  )
}

export function deleteCard(kit: SimulatorKit, store: PaytrStore, form: URLSearchParams) {
  const merchant = store.merchants.get(form.get('merchant_id') ?? '')
  if (!merchant) return error('Gecersiz istek veya magaza aktif degil')
  const utoken = form.get('utoken') ?? ''
  const ctoken = form.get('ctoken') ?? ''
  if (!holds(merchant, form, ctoken + utoken))
    return error('paytr_token gonderilmedi veya gecersiz')
  const fault = kit.fault(merchant.id, 'stop_recurring')
  if (fault === 'http_500') return serverError()
  const user = store.cardUsers.get(utoken)
  const index =
    user?.merchantId === merchant.id ? user.cards.findIndex((c) => c.ctoken === ctoken) : -1
  if (!user || index < 0) return error('Kart yok veya daha önce silinmiş')
  user.cards.splice(index, 1)
  kit.count(merchant.id, 'card_deleted')
  return fault === 'drop' ? dropConnection() : json({ status: 'success' })
}
