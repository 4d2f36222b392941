/**
 * @module `/Vpos/v1/Payment` (spec `createPayment`) and CompletePayment.
 * A 3-D payment answers `BANK_REQUEST_MESSAGE`: a form that takes the browser to the bank's
 * page with an opaque `PaReq`, `MD` and `TermUrl` (no card data). The bank's approval is a
 * "pre-approval" (paynkolay.com.tr/entegrasyon/donus-parametreleri): posted to successUrl with
 * `RESPONSE_CODE` 2 and no `AUTH_CODE`, signed with `hashDataV2` over the nine documented fields
 * (a copy goes to the notification address of the merchant's panel), listed as NEW ("complete
 * payment method not called", en/10-verification-service) until CompletePayment takes the money.
 * CompletePayment answers a completed sale again (served at the spec's `/Vpos/v1/CompletePayment`
 * and the docs' `/Vpos/Payment/CompletePayment`).
 */
import { randomBytes } from 'node:crypto'
import { autoPostPage } from '../kit/pages.ts'
import { dropConnection, type SimulatorKit } from '../kit/types.ts'
import { resultOf, settle } from './results.ts'
import { DECLINES, type NkolayStore, TEST_CARDS, type Txn } from './store.ts'
import { failure, hashError, hashMatches, json, serverError, toKurus } from './wire.ts'

const CURRENCIES: Record<string, string> = { '949': 'TRY', '840': 'USD', '978': 'EUR' }
const PAYMENT_HASH = [
  'sx',
  'clientRefCode',
  'amount',
  'successUrl',
  'failUrl',
  'rnd',
  'csCustomerKey',
]
const REQUIRED = [
  'sx',
  'clientRefCode',
  'amount',
  'successUrl',
  'failUrl',
  'cardNumber',
  'month',
  'year',
  'cvv',
  'use3D',
  'transactionType',
  'rnd',
  'hashDatav2',
  'environment',
]

export async function payment(
  kit: SimulatorKit,
  store: NkolayStore,
  form: URLSearchParams,
  base: string
) {
  const merchant = store.bySx(form.get('sx'), 'sx')
  if (!merchant) return failure('AUTH0001', 'Geçersiz sx değeri')
  const fault = kit.fault(merchant.merchantNo, 'create')
  if (fault === 'http_500') return serverError()
  if (!hashMatches(form, PAYMENT_HASH, merchant.secret)) return hashError()
  const missing = REQUIRED.find((name) => !form.get(name))
  const amountKurus = toKurus(form.get('amount'))
  const currency = CURRENCIES[form.get('currencyNumber') ?? '949']
  const type = form.get('transactionType')
  if (
    missing ||
    !amountKurus ||
    !currency ||
    form.get('environment') !== 'API' ||
    (type !== 'SALES' && type !== 'PRESALES')
  ) {
    return failure(
      'VAL0001',
      `Eksik veya hatalı parametre: ${missing ?? 'amount/currencyNumber/transactionType'}`
    )
  }
  kit.count(merchant.merchantNo, 'payment')
  const card = form.get('cardNumber') ?? ''
  const use3D = form.get('use3D') === 'true'
  const txn: Txn = {
    reference: store.newReference(),
    merchantNo: merchant.merchantNo,
    clientRef: form.get('clientRefCode') ?? '',
    type,
    amountKurus,
    currency,
    installment: form.get('installmentNo') || '1',
    use3D,
    status: 'NEW',
    preApproved: false,
    authCode: '',
    errorCode: '',
    message: '',
    createdAt: kit.now(),
    successUrl: form.get('successUrl') ?? '',
    failUrl: form.get('failUrl') ?? '',
    capturedKurus: 0,
    returns: [],
  }
  store.txns.set(txn.reference, txn)
  const decline =
    DECLINES[card] ??
    (TEST_CARDS.has(card) ? undefined : { code: '14', message: 'Geçersiz kart numarası' })
  let answer: Record<string, string>
  if (decline || !use3D) {
    settle(txn, !decline, decline)
    answer = resultOf(merchant, txn)
  } else {
    const session = randomBytes(12).toString('hex')
    store.sessions.set(session, txn.reference)
    const bank = autoPostPage('3D Secure', `${base}/bank/3d/${session}`, {
      PaReq: randomBytes(32).toString('base64'),
      MD: session,
      TermUrl: `${base}/Vpos/ThreeDSecure/Result`,
    })
    answer = {
      RESPONSE_CODE: '2',
      RESPONSE_DATA: '3D yönlendirme',
      REFERENCE_CODE: txn.reference,
      USE_3D: 'true',
      CLIENT_REFERENCE_CODE: txn.clientRef,
      BANK_REQUEST_MESSAGE: await bank.text(),
    }
  }
  return fault === 'drop' ? dropConnection() : json(answer)
}

export function completePayment(kit: SimulatorKit, store: NkolayStore, form: URLSearchParams) {
  const merchant = store.bySx(form.get('sx'), 'sx')
  if (!merchant) return failure('AUTH0001', 'Geçersiz sx değeri')
  const fault = kit.fault(merchant.merchantNo, 'complete')
  if (fault === 'http_500') return serverError()
  const txn = store.txnOf(merchant, form.get('referenceCode'))
  let answer: Record<string, string>
  if (!txn)
    answer = { RESPONSE_CODE: '0', RESPONSE_DATA: 'İşlem bulunamadı', ERROR_CODE: 'CORE0100' }
  else if (txn.status === 'NEW' && !txn.preApproved)
    answer = { RESPONSE_CODE: '0', RESPONSE_DATA: '3D doğrulama tamamlanmadı', ERROR_CODE: 'MD0' }
  else {
    // Completing a pre-approved sale takes the money; a completed one is answered again.
    if (txn.status === 'NEW') settle(txn, true)
    answer = resultOf(merchant, txn)
  }
  return fault === 'drop' ? dropConnection() : json(answer)
}
