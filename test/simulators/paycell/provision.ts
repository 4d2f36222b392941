/**
 * @module `provision`: SALE, PREAUTH and POSTAUTH (capture, at most the PREAUTH amount: 2045).
 * Cards decide the bank's answer (`cards.ts`); a 3-D Secure provision needs the session the
 * shopper passed, for the same amount (2046), used once (1023), with the session's installment
 * count and a PREAUTH for a PREAUTH session, a SALE for an AUTH one (2032 otherwise, our choice).
 * Every `referenceNumber` is 20 digits behind the merchant's prefix (2032 otherwise).
 */
import { randomInt } from 'node:crypto'
import { dropConnection, type Fault, type SimulatorKit } from '../kit/types.ts'
import { bankAnswerOf } from './cards.ts'
import { answer, type Call, installmentsOf, isAmount, isReference, str } from './http.ts'
import { localTime, type PaycellStore, type Payment } from './store.ts'

const CURRENCIES = ['TRY', 'EUR', 'USD']
const approvalCode = () => String(randomInt(100000, 999999))

export const entryOf = (
  call: Call,
  type: Payment['entries'][number]['provisionType'],
  reference: string,
  amount: string
) => ({
  provisionType: type,
  transactionId: call.transactionId,
  referenceNumber: reference,
  amount,
  approvalCode: approvalCode(),
  dateTime: localTime(call.now),
  reconciliationDate: localTime(call.now).slice(0, 8),
})

/** Runs `work` unless a fault is armed: http_500 before it, drop after it. */
export function withFault(
  kit: SimulatorKit,
  merchant: string,
  operations: Parameters<SimulatorKit['fault']>[1][],
  work: () => Response
) {
  let fault: Fault | undefined
  for (const operation of operations) {
    fault = kit.fault(merchant, operation)
    if (fault) break
  }
  if (fault === 'http_500') return new Response('Internal Server Error', { status: 500 })
  const response = work()
  return fault === 'drop' ? dropConnection() : response
}

export function provision(kit: SimulatorKit, store: PaycellStore, call: Call): Response {
  const { app, body } = call
  const type = str(body.paymentType)
  const sessionId = str(body.threeDSessionId)?.trim()
  const operation = type === 'POSTAUTH' ? 'capture' : sessionId ? 'complete' : 'create'
  return withFault(kit, app.applicationName, [operation], () => {
    if (!isReference(call, body.referenceNumber)) return answer(call, '2032')
    if (!isAmount(body.amount)) return answer(call, '2030')
    if (!CURRENCIES.includes(str(body.currency) ?? '')) return answer(call, '2032')
    if (type === 'POSTAUTH') return postAuth(store, call, body.referenceNumber, body.amount)
    if (type !== 'SALE' && type !== 'PREAUTH') return answer(call, '2032')
    if (installmentsOf(body.installmentCount) === undefined) return answer(call, '2032')
    const token = store.tokens.get(str(body.cardToken) ?? '')
    if (!token || token.application !== app.applicationName) return answer(call, '1021')
    if (sessionId) {
      const session = store.sessions.get(sessionId)
      if (!session || session.application !== app.applicationName) return answer(call, '1022')
      if (session.used) return answer(call, '1023')
      if (session.state !== 'passed') return answer(call, '3032')
      if (session.amount !== body.amount) return answer(call, '2046')
      // Our choice: Paycell documents no code for a provision unlike its session (2032 here).
      if (session.installmentCount !== installmentsOf(body.installmentCount))
        return answer(call, '2032')
      if ((session.transactionType === 'PREAUTH') !== (type === 'PREAUTH'))
        return answer(call, '2032')
      session.used = true
    }
    if (!store.claimReference(app.applicationName, body.referenceNumber))
      return answer(call, '2012')
    const bank = bankAnswerOf(token.number)
    if (bank !== '0') return answer(call, bank)
    const entry = entryOf(call, type, body.referenceNumber, body.amount)
    const orderId = `${Date.now()}${randomInt(1e9)}`.slice(0, 24)
    store.addPayment({
      application: app.applicationName,
      referenceNumber: body.referenceNumber,
      msisdn: str(body.msisdn)!,
      currency: str(body.currency)!,
      orderId,
      entries: [entry],
    })
    return answer(call, '0', {
      orderId,
      acquirerBankCode: '046',
      issuerBankCode: '046',
      approvalCode: entry.approvalCode,
      reconciliationDate: entry.reconciliationDate,
    })
  })
}

function postAuth(store: PaycellStore, call: Call, reference: string, amount: string) {
  const original = store.payment(
    call.app.applicationName,
    str(call.body.originalReferenceNumber) ?? ''
  )
  if (!original) return answer(call, '2013')
  const preauth = original.entries.find((e) => e.provisionType === 'PREAUTH')
  if (!preauth || original.entries[0]!.provisionType !== 'PREAUTH') return answer(call, '2014')
  if (Number(amount) > Number(preauth.amount)) return answer(call, '2045')
  if (!store.claimReference(call.app.applicationName, reference)) return answer(call, '2012')
  const entry = entryOf(call, 'POSTAUTH', reference, amount)
  original.entries.unshift(entry)
  return answer(call, '0', {
    approvalCode: entry.approvalCode,
    reconciliationDate: entry.reconciliationDate,
  })
}
