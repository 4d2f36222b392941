/**
 * @module Status through `POST /Vpos/Payment/PaymentList` (paynkolay.com.tr/entegrasyon/en/10-verification-service):
 * Paynkolay has no single-payment inquiry, so the list is asked for our `clientRefCode` (the
 * gateway's payment id) from the day before the sale until today. Its rows have `TRANSACTION_TYPE`
 * sales, cancel, refund, refundp (any case) and `STATUS` SUCCESS, ERROR or NEW (started, not
 * finished). "No records" answers `RESPONSE_CODE` 0 with `ERROR_CODE` CORE0305.
 */
import type { PaymentOutcome, PaymentReference, ProviderContext } from '../types'
import { PATHS, postSigned, readAnswer, settingsOf } from './client'
import { completeSale } from './complete'
import { createdAtOf, declineOf, fromNkolayAmount, listWindowOf } from './mapping'
import { listForm } from './requests'
import { ListAnswer, type ListRow } from './wire'

const NO_RECORDS = 'CORE0305'
const SALE_TYPES = new Set(['sales', 'presales', 'sale', 'presale'])
const RETURN_TYPES = new Set(['cancel', 'refund', 'refundp', 'cancelp'])

export type ListResult = { kind: 'rows'; rows: ListRow[] } | { kind: 'unknown'; reason: string }

export async function listPayment(
  ctx: ProviderContext,
  payment: PaymentReference
): Promise<ListResult> {
  const now = ctx.deps.now()
  const window = listWindowOf(createdAtOf(payment.paymentId, now), now)
  const form = listForm(settingsOf(ctx), window, payment.paymentId)
  const answer = readAnswer(await postSigned(ctx, PATHS.list, form), ListAnswer)
  if (!answer.ok) return { kind: 'unknown', reason: answer.reason }
  const list = answer.value
  if (list.RESPONSE_CODE === '2') {
    const rows = list.LIST.filter((row) => row.CLIENT_REFERENCE_CODE === payment.paymentId)
    return { kind: 'rows', rows }
  }
  if (list.RESPONSE_CODE === '0' && list.ERROR_CODE === NO_RECORDS)
    return { kind: 'rows', rows: [] }
  return { kind: 'unknown', reason: `list_error_${list.ERROR_CODE ?? list.RESPONSE_CODE}` }
}

/** The sale (or pre-authorization) row: ours by reference code when we know it, else the last. */
export function saleRowOf(rows: ListRow[], providerPaymentId: string | null): ListRow | undefined {
  const sales = rows.filter((row) => SALE_TYPES.has(row.TRANSACTION_TYPE ?? ''))
  return sales.find((row) => row.REFERENCE_CODE === providerPaymentId) ?? sales.at(-1)
}

/** What Paynkolay has given back (cancels and refunds that succeeded), in minor units. */
export const returnedMinorOf = (rows: ListRow[], currency: string) =>
  rows
    .filter((row) => RETURN_TYPES.has(row.TRANSACTION_TYPE ?? '') && row.STATUS === 'SUCCESS')
    .reduce((sum, row) => sum + (fromNkolayAmount(row.TRANSACTION_AMOUNT, currency) ?? 0), 0)

const isCancelled = (rows: ListRow[]) =>
  rows.some((row) => row.TRANSACTION_TYPE === 'cancel' && row.STATUS === 'SUCCESS')

export function outcomeOfRows(rows: ListRow[], payment: PaymentReference): PaymentOutcome {
  const sale = saleRowOf(rows, payment.providerPaymentId)
  if (!sale)
    return { kind: 'pending', redirectUrl: '', providerPaymentId: payment.providerPaymentId }
  const reference = sale.REFERENCE_CODE ?? payment.providerPaymentId ?? ''
  switch (sale.STATUS) {
    case 'SUCCESS': {
      if (isCancelled(rows)) return { kind: 'cancelled', providerPaymentId: reference }
      const authorized = fromNkolayAmount(
        sale.AUTHORIZATION_AMOUNT ?? sale.TRANSACTION_AMOUNT,
        payment.currency
      )
      return {
        kind: 'succeeded',
        status: payment.authorizeOnly && payment.capturedMinor === 0 ? 'authorized' : 'successful',
        providerPaymentId: reference,
        // More than asked is an installment surcharge, which the docs allow; less is a mismatch.
        amountMinor:
          authorized !== undefined && authorized < payment.amountMinor
            ? authorized
            : payment.amountMinor,
        currency: payment.currency,
      }
    }
    case 'ERROR':
      return {
        kind: 'declined',
        declineCode: declineOf(undefined, undefined),
        message: 'Paynkolay lists the payment as failed (STATUS ERROR).',
        providerCode: 'ERROR',
        providerPaymentId: reference,
      }
    default:
      // NEW: started, 3-D Secure or completion not done yet.
      return { kind: 'pending', redirectUrl: '', providerPaymentId: reference || null }
  }
}

/**
 * The list's outcome. A sale still NEW is also a 3-D sale the bank pre-approved whose completion
 * never happened (its result post lost, or not believed: legacy `hashData` only, unsigned, another
 * payment's), which PaymentList would show as NEW forever: it is completed here with the row's own
 * reference. Paynkolay refuses to complete a sale whose 3-D Secure is not done; that stays pending.
 */
export async function getStatus(
  ctx: ProviderContext,
  payment: PaymentReference,
  options: { complete: boolean } = { complete: true }
): Promise<PaymentOutcome> {
  const listed = await listPayment(ctx, payment)
  if (listed.kind === 'unknown') return listed
  const outcome = outcomeOfRows(listed.rows, payment)
  const sale = saleRowOf(listed.rows, payment.providerPaymentId)
  if (!options.complete || sale?.STATUS !== 'NEW' || !sale.REFERENCE_CODE) return outcome
  const completed = await completeSale(ctx, payment, sale.REFERENCE_CODE)
  return completed !== 'refused' && completed.kind === 'succeeded' ? completed : outcome
}
