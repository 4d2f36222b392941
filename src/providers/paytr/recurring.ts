/**
 * @module Recurring charges with PayTR's stored cards ("Kayıtlı Kart Tekrarlayan Ödeme"): the
 * parent is a non-3-D Direct API payment with `store_card=1`, whose `sync_mode` answer carries the
 * new user's `utoken` and the card's `ctoken` ("SYNC MODE YANITLARI"). A charge is `POST /odeme`
 * with `utoken`, `ctoken`, `recurring_payment=1` and `non_3d=1`, answered in JSON like sync mode;
 * PayTR makes recurring charges non-3-D only, so the store needs its Non3D permission. Stopping
 * deletes the stored card. The token kept by the gateway also holds the shopper's IP and name,
 * which PayTR requires on every payment and a charge without the shopper does not otherwise have.
 */
import { parseJson } from '../http'
import type {
  OperationOutcome,
  PaymentOutcome,
  ProviderContext,
  RecurringChargeInput,
  RecurringParent,
} from '../types'
import { deleteCard, storedCardOf } from './card-storage'
import { PATHS, postForm, settingsOf } from './client'
import { merchantOidOf, paytrCurrencyOf, toPaytrDecimal } from './mapping'
import { returnUrlTooLong } from './payments'
import { type RecurringToken, readRecurringToken } from './recurring-token'
import { directBasket, returnUrlsOf } from './requests'
import { directHashStr } from './signing'
import { syncOutcome } from './sync'
import { SyncAnswer } from './wire'

const tokenOf = (parent: RecurringParent) => readRecurringToken(parent.recurringToken)

const noCard: PaymentOutcome = {
  kind: 'declined',
  declineCode: 'not_permitted',
  message: 'PayTR holds no card of this payment that can be charged without the shopper.',
}

async function ctokenOf(ctx: ProviderContext, token: RecurringToken) {
  return token.ctoken ? { ctoken: token.ctoken } : storedCardOf(ctx, token.utoken)
}

export async function chargeRecurring(
  ctx: ProviderContext,
  parent: RecurringParent,
  charge: RecurringChargeInput
): Promise<PaymentOutcome> {
  const currency = paytrCurrencyOf(charge.currency)
  if (!currency) return { kind: 'not_supported' }
  const token = tokenOf(parent)
  if (!token) return noCard
  const card = await ctokenOf(ctx, token)
  if ('kind' in card) return card
  if (!card.ctoken) return noCard
  const settings = settingsOf(ctx)
  const oid = merchantOidOf(charge.paymentId)
  const urls = returnUrlsOf(ctx, undefined)
  if (!urls) return returnUrlTooLong
  const line = charge.description ?? charge.orderId ?? `Order ${charge.paymentId}`
  const f = {
    merchant_id: settings.merchantId,
    user_ip: token.ip,
    merchant_oid: oid,
    email: parent.customerEmail ?? '',
    payment_amount: toPaytrDecimal(charge.amountMinor, charge.currency),
    payment_type: 'card',
    installment_count: '0',
    currency,
    test_mode: settings.testMode,
    non_3d: '1',
  }
  const fields: [string, string][] = [
    ...(Object.entries(f) as [string, string][]),
    ['non3d_test_failed', '0'],
    ['merchant_ok_url', urls.ok],
    ['merchant_fail_url', urls.fail],
    ['user_name', token.name],
    ['user_address', ''],
    ['user_phone', ''],
    ['user_basket', directBasket([[line, f.payment_amount, 1]])],
    ['debug_on', settings.testMode],
    ['client_lang', 'tr'],
    ['utoken', token.utoken],
    ['ctoken', card.ctoken],
    ['recurring_payment', '1'],
  ]
  const sent = await postForm(ctx, PATHS.direct, fields, directHashStr(f))
  if (!sent.ok) return { kind: 'unknown', reason: sent.reason }
  if (sent.status >= 500) return { kind: 'unknown', reason: `http_${sent.status}` }
  const answer = SyncAnswer.safeParse(parseJson(sent.text))
  if (!answer.success) return { kind: 'unknown', reason: `unexpected_answer_http_${sent.status}` }
  return syncOutcome(answer.data, charge, oid)
}

export async function stopRecurring(
  ctx: ProviderContext,
  parent: RecurringParent
): Promise<OperationOutcome> {
  const token = tokenOf(parent)
  if (!token) return { kind: 'succeeded' }
  const card = await ctokenOf(ctx, token)
  if ('kind' in card) return card
  if (!card.ctoken) return { kind: 'succeeded' }
  const deleted = await deleteCard(ctx, { utoken: token.utoken, ctoken: card.ctoken })
  if (deleted === 'deleted') return { kind: 'succeeded' }
  return 'rejected' in deleted ? { kind: 'rejected', reason: deleted.rejected } : deleted
}
