/**
 * @module The bank's 3-D Secure page: the form of BANK_REQUEST_MESSAGE lands here, the shopper
 * approves (a pre-approval, completed by CompletePayment) or declines, and the signed result is
 * posted to successUrl or failUrl, with a copy to the notification address of the merchant's panel.
 */
import { autoPostPage, shopperPage } from '../kit/pages.ts'
import type { SimulatorKit } from '../kit/types.ts'
import { resultOf, settle } from './results.ts'
import type { NkolayStore } from './store.ts'
import { fromKurus } from './wire.ts'

export async function bankPage(
  kit: SimulatorKit,
  store: NkolayStore,
  request: Request,
  session: string
) {
  const txn = store.txns.get(store.sessions.get(session) ?? '')
  const merchant = txn && store.merchants.get(txn.merchantNo)
  if (!txn || !merchant) return new Response('3D session not found', { status: 404 })
  const action = new URLSearchParams(request.method === 'POST' ? await request.text() : '').get(
    'action'
  )
  if (action !== 'pass' && action !== 'fail') {
    return shopperPage({
      title: 'Bank 3-D Secure',
      lines: [
        ['Amount', `${fromKurus(txn.amountKurus)} ${txn.currency}`],
        ['Merchant', merchant.merchantNo],
      ],
      passLabel: 'Approve',
      failLabel: 'Decline',
    })
  }
  store.sessions.delete(session)
  // Approved: a pre-approval, NEW until CompletePayment; declined: settled as failed.
  if (action === 'pass') txn.preApproved = true
  else settle(txn, false, { code: 'MD0', message: '3D doğrulama başarısız' })
  const result = resultOf(merchant, txn)
  if (merchant.notificationUrl) {
    await kit.notify(merchant.merchantNo, {
      method: 'POST',
      url: merchant.notificationUrl,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(result).toString(),
    })
  }
  return autoPostPage('Paynkolay', action === 'pass' ? txn.successUrl : txn.failUrl, result)
}
