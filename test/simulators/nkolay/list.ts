/**
 * @module `/Vpos/Payment/PaymentList` with the sx-list token: `hashDatav2` over
 * `sx|startDate|endDate|clientRefCode`, dates "DD.MM.YYYY", at most one month. Rows as
 * paynkolay.com.tr/entegrasyon/en/10-verification-service shows them: the sale (SALES or PRESALES)
 * and one row per cancel or refund, `STATUS` SUCCESS, ERROR or NEW; "no records" is `RESPONSE_CODE`
 * 0 with `ERROR_CODE` CORE0305.
 */
import { dropConnection, type SimulatorKit } from '../kit/types.ts'
import type { NkolayStore, Txn } from './store.ts'
import {
  dayOf,
  dayOfDotted,
  failure,
  fromKurus,
  hashError,
  hashMatches,
  json,
  listTimestamp,
  serverError,
  wrapped,
} from './wire.ts'

const MAX_DAYS = 31

function rowsOf(txn: Txn) {
  const sale = {
    REFERENCE_CODE: txn.reference,
    CLIENT_REFERENCE_CODE: txn.clientRef,
    TRANSACTION_TYPE: txn.type,
    STATUS: txn.status,
    AUTH_CODE: txn.authCode,
    AUTHORIZATION_AMOUNT: txn.status === 'SUCCESS' ? fromKurus(txn.amountKurus) : '0.00',
    TRANSACTION_AMOUNT: fromKurus(txn.amountKurus),
    IS_3D: txn.use3D,
    INSTALLMENT_COUNT: txn.installment,
    CARD_HOLDER_NAME: 'test',
    TRX_DATE: listTimestamp(txn.createdAt),
  }
  const returns = txn.returns.map((r) => ({
    ...sale,
    REFERENCE_CODE: r.reference,
    TRANSACTION_TYPE: r.type.toUpperCase(),
    STATUS: 'SUCCESS',
    AUTHORIZATION_AMOUNT: fromKurus(r.amountKurus),
    TRANSACTION_AMOUNT: fromKurus(r.amountKurus),
    TRX_DATE: listTimestamp(r.at),
  }))
  return [sale, ...returns]
}

export function paymentList(kit: SimulatorKit, store: NkolayStore, form: URLSearchParams) {
  const merchant = store.bySx(form.get('sx'), 'sxList')
  if (!merchant) return failure('AUTH0001', 'Geçersiz sx değeri')
  const fault = kit.fault(merchant.merchantNo, 'status')
  if (fault === 'http_500') return serverError()
  if (!hashMatches(form, ['sx', 'startDate', 'endDate', 'clientRefCode'], merchant.secret)) {
    return hashError()
  }
  const start = dayOfDotted(form.get('startDate'))
  const end = dayOfDotted(form.get('endDate'))
  if (start === undefined || end === undefined || end < start || end - start > MAX_DAYS) {
    return failure('VAL0002', 'Tarih aralığı hatalı (en fazla bir ay)')
  }
  kit.count(merchant.merchantNo, 'list')
  const clientRef = form.get('clientRefCode') ?? ''
  const rows = [...store.txns.values()]
    .filter(
      (t) => t.merchantNo === merchant.merchantNo && (!clientRef || t.clientRef === clientRef)
    )
    .filter((t) => dayOf(t.createdAt) >= start && dayOf(t.createdAt) <= end)
    .flatMap(rowsOf)
  const result = rows.length
    ? {
        RESPONSE_CODE: '2',
        RESPONSE_DATA: 'Servis dönüşü başarılı',
        LIST: rows,
        ERROR_CODE: null,
        ERROR_MESSAGE: null,
      }
    : {
        RESPONSE_CODE: '0',
        RESPONSE_DATA: 'Listelenecek kayıt bulunamadı.',
        LIST: null,
        ERROR_CODE: 'CORE0305',
        ERROR_MESSAGE: 'Listelenecek kayıt bulunamadı.',
      }
  if (fault === 'drop') return dropConnection()
  // The sandbox answers a clientRefCode query with the whole body as a JSON string.
  return json(clientRef ? JSON.stringify(wrapped(result)) : wrapped(result))
}
