/**
 * @module `getCardTokenSecure` on the payment-management host: card data in, a one-use `cardToken`
 * out. Paycell means it for the shopper's browser (card data never at the merchant); the gateway
 * already holds the card of a server-to-server payment, so it calls it itself, with the request
 * `hashData` and the answer's `hashData` checked as the samples do (`checkResponseHashData`).
 */
import type { DeclineCode } from '../../domain/decline-codes'
import type { CardDetails, PaymentOutcome, ProviderContext } from '../types'
import { newTransaction, paymentManagementUrl, postJson, settingsOf } from './client'
import { requestHashData, verifyResponseHash } from './hash'
import { declineOfCode, SUCCESS_CODE } from './mapping'
import { CardTokenAnswer } from './wire'

const twoDigits = (n: number) => String(n % 100).padStart(2, '0')

export type CardTokenResult =
  | { ok: true; cardToken: string }
  | { ok: false; outcome: PaymentOutcome }

export async function cardTokenOf(
  ctx: ProviderContext,
  card: CardDetails
): Promise<CardTokenResult> {
  const settings = settingsOf(ctx)
  const { transactionId, transactionDateTime } = newTransaction(ctx.deps.now())
  const request = {
    header: { applicationName: settings.applicationName, transactionId, transactionDateTime },
    creditCardNo: card.number,
    // The samples' patterns: month "\d{2}", year "\d{2}".
    expireDateMonth: twoDigits(card.expiryMonth),
    expireDateYear: twoDigits(card.expiryYear),
    cvcNo: card.cvv,
    hashData: await requestHashData(settings, transactionId, transactionDateTime),
  }
  const answer = await postJson(
    ctx,
    paymentManagementUrl(ctx, 'getCardTokenSecure'),
    request,
    CardTokenAnswer
  )
  // Nothing is charged by tokenizing: a failure here is a decline the shopper may retry.
  if (!answer.ok) return { ok: false, outcome: refused(answer.reason, 'processing_error') }
  const { header, cardToken, hashData } = answer.value
  if (header.responseCode !== SUCCESS_CODE || !cardToken) {
    const message = header.responseDescription ?? 'Paycell did not tokenize the card.'
    return {
      ok: false,
      outcome: refused(message, declineOfCode(header.responseCode), header.responseCode),
    }
  }
  const fields = { ...header, cardToken }
  if (!hashData || !(await verifyResponseHash(settings, fields, hashData))) {
    return {
      ok: false,
      outcome: refused('The card token answer failed its hashData check.', 'processing_error'),
    }
  }
  return { ok: true, cardToken }
}

function refused(message: string, declineCode: DeclineCode, providerCode?: string): PaymentOutcome {
  return { kind: 'declined', declineCode, message, ...(providerCode ? { providerCode } : {}) }
}
