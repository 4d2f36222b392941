/**
 * @module The JSON answer of a Direct API payment without 3-D Secure (`sync_mode=1`) and of a
 * recurring charge (`recurring_payment=1`): `status` success, failed or wait_callback, with `msg`
 * (Direkt API 1. adım "SYNC MODE YANITLARI"; "Kayıtlı Kart Tekrarlayan Ödeme" "RECURRING YANITLARI",
 * where `try_again` is true only for an order still in progress).
 */
import { DECLINE_MESSAGES } from '../../domain/decline-codes'
import type { PaymentOutcome } from '../types'
import { declineOfMessage } from './mapping'
import type { SyncAnswer } from './wire'

export function syncOutcome(
  answer: SyncAnswer,
  asked: { amountMinor: number; currency: string },
  oid: string,
  recurringToken?: string
): PaymentOutcome {
  const message = answer.msg ?? ''
  switch (answer.status) {
    case 'success':
      return {
        kind: 'succeeded',
        status: 'successful',
        providerPaymentId: oid,
        amountMinor: asked.amountMinor,
        currency: asked.currency,
        ...(recurringToken ? { recurringToken } : {}),
      }
    case 'wait_callback':
      // PayTR is still checking: its notification settles the payment.
      return { kind: 'pending', redirectUrl: '', providerPaymentId: oid }
    case 'failed':
      // "Henüz devam eden bir işleminiz bulunmaktadır" (`try_again: true`): an earlier attempt of
      // this order is still running, and its notification settles it.
      if (answer.try_again || /devam eden/i.test(message)) {
        return { kind: 'unknown', reason: 'paytr_order_in_progress' }
      }
      return {
        kind: 'declined',
        declineCode: declineOfMessage(message),
        message: message || DECLINE_MESSAGES.card_declined,
        providerCode: 'failed',
        providerPaymentId: oid,
      }
  }
}
