/**
 * @module `inquire`, `reverse` and `refund` on a payment found by its `originalReferenceNumber`
 * (and the shopper's msisdn). Reverse works only on the day of the charge, until the day-end
 * reconciliation (2029 afterwards); refund, in full or in part, only from the next day (2048 on
 * the day itself), never above what was charged (2015), and not for PREAUTH/POSTAUTH, which are
 * only reversed. Each operation's `referenceNumber` (inquire's too) is 20 digits behind the
 * merchant's prefix (2032 otherwise) and unique (2012). A reverse answers faults
 * armed on `cancel` or on `refund`: the gateway reaches it for both (a same-day full refund).
 */
import type { SimulatorKit } from '../kit/types.ts'
import { answer, type Call, isAmount, isReference, str } from './http.ts'
import { entryOf, withFault } from './provision.ts'
import { localTime, type PaycellStore, type Payment } from './store.ts'

function paymentOf(store: PaycellStore, call: Call): Payment | undefined {
  const payment = store.payment(
    call.app.applicationName,
    str(call.body.originalReferenceNumber) ?? ''
  )
  return payment && payment.msisdn === call.body.msisdn ? payment : undefined
}

const charge = (payment: Payment) =>
  payment.entries.find((e) => ['SALE', 'PREAUTH', 'POSTAUTH'].includes(e.provisionType))!

const reversed = (payment: Payment) => payment.entries[0]!.provisionType.endsWith('REVERSE')

const today = (call: Call) => localTime(call.now).slice(0, 8)

export function inquire(kit: SimulatorKit, store: PaycellStore, call: Call): Response {
  return withFault(kit, call.app.applicationName, ['status'], () => {
    if (!isReference(call, call.body.referenceNumber)) return answer(call, '2032')
    const payment = paymentOf(store, call)
    if (!payment) return answer(call, '2013')
    return answer(call, '0', {
      orderId: payment.orderId,
      acquirerBankCode: '046',
      status: payment.entries[0]!.provisionType,
      provisionList: payment.entries.map(({ referenceNumber: _, ...entry }) => ({
        ...entry,
        responseCode: '',
        responseDescription: '',
      })),
    })
  })
}

export function reverse(kit: SimulatorKit, store: PaycellStore, call: Call): Response {
  return withFault(kit, call.app.applicationName, ['cancel', 'refund'], () => {
    if (!isReference(call, call.body.referenceNumber)) return answer(call, '2032')
    const payment = paymentOf(store, call)
    if (!payment) return answer(call, '2013')
    if (reversed(payment)) return answer(call, '2014')
    if (payment.entries.some((e) => e.provisionType === 'REFUND')) return answer(call, '2027')
    if (charge(payment).reconciliationDate < today(call)) return answer(call, '2029')
    if (!store.claimReference(call.app.applicationName, call.body.referenceNumber)) {
      return answer(call, '2012')
    }
    const types = payment.entries.map((e) => e.provisionType)
    const reversals = types.includes('PREAUTH')
      ? [
          ...(types.includes('POSTAUTH') ? (['POSTAUTH_REVERSE'] as const) : []),
          'PREAUTH_REVERSE' as const,
        ]
      : (['REVERSE'] as const)
    let entry = entryOf(call, 'REVERSE', call.body.referenceNumber, charge(payment).amount)
    for (const type of reversals) {
      entry = entryOf(call, type, call.body.referenceNumber, charge(payment).amount)
      payment.entries.unshift(entry)
    }
    return answer(call, '0', {
      approvalCode: entry.approvalCode,
      reconciliationDate: entry.reconciliationDate,
    })
  })
}

export function refund(kit: SimulatorKit, store: PaycellStore, call: Call): Response {
  return withFault(kit, call.app.applicationName, ['refund'], () => {
    const { body } = call
    if (!isReference(call, body.referenceNumber)) return answer(call, '2032')
    if (!isAmount(body.amount)) return answer(call, '2030')
    const payment = paymentOf(store, call)
    if (!payment) return answer(call, '2013')
    if (reversed(payment)) return answer(call, '2014')
    const sale = charge(payment)
    if (sale.provisionType !== 'SALE' || sale.reconciliationDate >= today(call)) {
      return answer(call, '2048')
    }
    const refunded = payment.entries
      .filter((e) => e.provisionType === 'REFUND')
      .reduce((sum, e) => sum + Number(e.amount), 0)
    if (refunded + Number(body.amount) > Number(sale.amount)) return answer(call, '2015')
    if (!store.claimReference(call.app.applicationName, body.referenceNumber)) {
      return answer(call, '2012')
    }
    const entry = entryOf(call, 'REFUND', body.referenceNumber, body.amount)
    payment.entries.unshift(entry)
    return answer(call, '0', {
      approvalCode: entry.approvalCode,
      reconciliationDate: entry.reconciliationDate,
    })
  })
}
