/**
 * @module Giving money back: `/Vpos/v1/CancelRefundPayment` (sx-cancel; `type=cancel` voids the
 * whole sale on its own day; on a later day `type=refund` gives back the whole sale and
 * `type=refundp` part of it, up to what is left (en/09-cancel-refund-payment); `trxDate`
 * "YYYY.MM.DD" must be the sale's), `/Vpos/Payment/PartialRefundPayment` (sx-cancel,
 * `refundAmount`, the sale's own day), and the pre-authorization services (sx; `trxDate`
 * "YYYY-MM-DD"; approve with `transactionType=SALE` up to the amount held, cancel with `cancel`).
 */
import { dropConnection, type Operation, type SimulatorKit } from '../kit/types.ts'
import type { Merchant, NkolayStore, Txn } from './store.ts'
import {
  dayOf,
  failure,
  hashError,
  hashMatches,
  json,
  serverError,
  toKurus,
  trxDateCancel,
  trxDatePreAuth,
  wrapped,
} from './wire.ts'

type Work = (txn: Txn) => string | undefined

const ok = (reference: string) =>
  json(wrapped({ RESPONSE_CODE: '2', RESPONSE_DATA: 'İşlem Başarılı', REFERENCE_CODE: reference }))

function run(
  kit: SimulatorKit,
  store: NkolayStore,
  form: URLSearchParams,
  access: { variant: 'sx' | 'sxCancel'; operations: Operation[]; hash: string[] },
  work: Work
) {
  const merchant: Merchant | undefined = store.bySx(form.get('sx'), access.variant)
  if (!merchant) return failure('AUTH0001', 'Geçersiz sx değeri')
  let fault: ReturnType<SimulatorKit['fault']>
  for (const operation of access.operations) fault ??= kit.fault(merchant.merchantNo, operation)
  if (fault === 'http_500') return serverError()
  if (!hashMatches(form, access.hash, merchant.secret)) return hashError()
  const txn = store.txnOf(merchant, form.get('referenceCode'))
  if (txn?.status !== 'SUCCESS') return failure('CORE0100', 'İşlem bulunamadı')
  const refused = work(txn)
  if (refused) return failure('CORE0200', refused)
  return fault === 'drop' ? dropConnection() : ok(txn.reference)
}

/** What the sale took: the captured part of a pre-authorization. */
const settled = (txn: Txn) => (txn.type === 'PRESALES' ? txn.capturedKurus : txn.amountKurus)
const left = (store: NkolayStore, txn: Txn) => settled(txn) - store.returnedKurus(txn)

export function cancelRefund(kit: SimulatorKit, store: NkolayStore, form: URLSearchParams) {
  const type = form.get('type')
  const operations: Operation[] = type === 'cancel' ? ['cancel', 'refund'] : ['refund']
  const hash = ['sx', 'referenceCode', 'type', 'amount', 'trxDate']
  return run(kit, store, form, { variant: 'sxCancel', operations, hash }, (txn) => {
    const amount = toKurus(form.get('amount'))
    const today = dayOf(txn.createdAt) === dayOf(kit.now())
    if (form.get('trxDate') !== trxDateCancel(txn.createdAt)) return 'İşlem tarihi hatalı'
    if (!amount) return 'Tutar hatalı'
    if (type === 'cancel') {
      if (!today) return 'İptal yalnızca işlem günü yapılabilir'
      if (store.returnedKurus(txn) > 0 || amount !== left(store, txn)) return 'İptal tutarı hatalı'
      txn.returns.push({
        reference: store.newReference(),
        type: 'cancel',
        amountKurus: amount,
        at: kit.now(),
      })
      return undefined
    }
    if (type !== 'refund' && type !== 'refundp')
      return 'type cancel, refund ya da refundp olmalıdır'
    if (today) return 'Aynı gün iade için iptal ya da kısmi iade kullanınız'
    // refund gives back the whole sale, refundp part of it (en/09-cancel-refund-payment).
    if (type === 'refund' && amount !== settled(txn)) return 'Kısmi iade için refundp kullanınız'
    if (type === 'refundp' && amount >= settled(txn)) return 'Tam iade için refund kullanınız'
    if (amount > left(store, txn)) return 'İade tutarı kalan tutarı aşıyor'
    txn.returns.push({
      reference: store.newReference(),
      type,
      amountKurus: amount,
      at: kit.now(),
    })
    return undefined
  })
}

export function partialRefund(kit: SimulatorKit, store: NkolayStore, form: URLSearchParams) {
  const hash = ['sx', 'referenceCode', 'refundAmount']
  return run(kit, store, form, { variant: 'sxCancel', operations: ['refund'], hash }, (txn) => {
    const amount = toKurus(form.get('refundAmount'))
    if (dayOf(txn.createdAt) !== dayOf(kit.now()))
      return 'Kısmi iade yalnızca işlem günü yapılabilir'
    if (!amount || amount > left(store, txn)) return 'İade tutarı kalan tutarı aşıyor'
    txn.returns.push({
      reference: store.newReference(),
      type: 'refundp',
      amountKurus: amount,
      at: kit.now(),
    })
    return undefined
  })
}

export function preAuthApprove(kit: SimulatorKit, store: NkolayStore, form: URLSearchParams) {
  const hash = ['sx', 'trxDate', 'amount', 'referenceCode']
  return run(kit, store, form, { variant: 'sx', operations: ['capture'], hash }, (txn) => {
    const amount = toKurus(form.get('amount'))
    if (txn.type !== 'PRESALES' || txn.capturedKurus > 0 || txn.returns.length)
      return 'Ön provizyon bulunamadı'
    if (form.get('transactionType') !== 'SALE') return 'transactionType SALE olmalıdır'
    if (form.get('trxDate') !== trxDatePreAuth(txn.createdAt)) return 'İşlem tarihi hatalı'
    if (!amount || amount > txn.amountKurus) return 'Tutar provizyon tutarını aşıyor'
    txn.capturedKurus = amount
    return undefined
  })
}

export function preAuthCancel(kit: SimulatorKit, store: NkolayStore, form: URLSearchParams) {
  const hash = ['sx', 'trxDate', 'amount', 'referenceCode', 'transactionType']
  return run(kit, store, form, { variant: 'sx', operations: ['cancel'], hash }, (txn) => {
    if (txn.type !== 'PRESALES' || txn.capturedKurus > 0 || txn.returns.length)
      return 'Ön provizyon bulunamadı'
    if (form.get('transactionType') !== 'cancel') return 'transactionType cancel olmalıdır'
    if (form.get('trxDate') !== trxDatePreAuth(txn.createdAt)) return 'İşlem tarihi hatalı'
    if (toKurus(form.get('amount')) !== txn.amountKurus) return 'Tutar hatalı'
    txn.returns.push({
      reference: store.newReference(),
      type: 'cancel',
      amountKurus: txn.amountKurus,
      at: kit.now(),
    })
    return undefined
  })
}
