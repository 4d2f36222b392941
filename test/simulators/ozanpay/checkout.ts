/**
 * @module OzanPay's checkout API as the simulator plays it: `POST /pw/v3/initializePayment` (JSON
 * with `apiKey` in the body, `amount` and `basketItems[].unitPrice` as strings of cents) answers
 * `{code: "283", status: "PENDING", purchaseUrl, transactionId}`; `POST /api/v3/status` with
 * `{apiKey, referenceNo}` (ClearSettle's hosted inquiry) answers `{status, transactionId,
 * referenceNo, message}` and no `code`. The hosted page posts the return fields (`referenceNo`,
 * `transactionId`, `status`, `message`, `amountProcessed`) to `returnUrl` through the browser and,
 * server to server, to the merchant's notification URL.
 */
import { autoPostPage, shopperAction, shopperPage } from '../kit/pages.ts'
import { dropConnection as dropped, type SimulatorKit } from '../kit/types.ts'
import type { OzanStore, Session } from './store.ts'

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })

const refuse = (message: string, status = 400) => json({ status: 'ERROR', message }, status)

async function bodyOf(request: Request): Promise<Record<string, unknown> | undefined> {
  const parsed: unknown = await request.json().catch(() => undefined)
  return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined
}

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '')

/** Cents as the integrations send them, a string of digits (`"10050"`); a number is refused. */
const centsOf = (value: unknown): number | undefined =>
  typeof value === 'string' && /^[1-9]\d{0,14}$/.test(value) ? Number(value) : undefined

const isBasketItem = (item: unknown) =>
  !!item &&
  typeof item === 'object' &&
  centsOf((item as Record<string, unknown>).unitPrice) !== undefined

const REQUIRED = [
  'referenceNo',
  'currency',
  'email',
  'returnUrl',
  'billingFirstName',
  'billingLastName',
]

export async function initializePayment(
  kit: SimulatorKit,
  store: OzanStore,
  request: Request,
  base: string
): Promise<Response> {
  const body = await bodyOf(request)
  if (!body) return refuse('Request body must be JSON')
  const merchant = store.merchants.get(text(body.apiKey))
  if (!merchant) return refuse('Invalid apiKey', 401)
  const fault = kit.fault(merchant.apiKey, 'create')
  if (fault === 'http_500') return json({ message: 'Internal error' }, 500)
  kit.count(merchant.apiKey, 'create')
  const missing = REQUIRED.find((name) => !text(body[name]))
  if (missing) return refuse(`${missing} is required`)
  const amount = centsOf(body.amount)
  if (!amount) return refuse('amount must be a string of cents')
  const basket = body.basketItems
  if (basket !== undefined && (!Array.isArray(basket) || !basket.every(isBasketItem)))
    return refuse('basketItems[].unitPrice must be a string of cents')
  if (!/^https?:\/\//.test(text(body.returnUrl))) return refuse('returnUrl must be a URL')
  const session =
    store.find(merchant.apiKey, text(body.referenceNo)) ??
    store.open({
      apiKey: merchant.apiKey,
      referenceNo: text(body.referenceNo),
      amount,
      currency: text(body.currency),
      email: text(body.email),
      returnUrl: text(body.returnUrl),
    })
  const answer = json({
    code: '283',
    status: 'PENDING',
    message: 'Waiting for payment',
    purchaseUrl: `${base}/pay/${session.token}`,
    transactionId: session.transactionId,
    referenceNo: session.referenceNo,
  })
  return fault === 'drop' ? dropped() : answer
}

export async function paymentStatus(
  kit: SimulatorKit,
  store: OzanStore,
  request: Request
): Promise<Response> {
  const body = await bodyOf(request)
  const merchant = body && store.merchants.get(text(body.apiKey))
  if (!body || !merchant) return refuse('Invalid apiKey', 401)
  const fault = kit.fault(merchant.apiKey, 'status')
  if (fault === 'http_500') return json({ message: 'Internal error' }, 500)
  kit.count(merchant.apiKey, 'status')
  const referenceNo = text(body.referenceNo)
  if (!referenceNo) return refuse('referenceNo is required')
  const session = store.find(merchant.apiKey, referenceNo)
  if (!session) return json({ status: 'ERROR', message: 'Transaction not found' }, 404)
  const answer = json({
    status: session.status,
    message: session.message,
    transactionId: session.transactionId,
    referenceNo: session.referenceNo,
  })
  return fault === 'drop' ? dropped() : answer
}

/**
 * The return fields the Laravel integration reads (ClearSettle's hosted return reads `status`,
 * `referenceNo` and `message` of them); no `code`, which only the card flow's return carries.
 */
const returnFields = (session: Session): Record<string, string> => ({
  referenceNo: session.referenceNo,
  transactionId: session.transactionId,
  status: session.status,
  message: session.message,
  amountProcessed: session.status === 'APPROVED' ? String(session.amount) : '0',
})

export async function paymentPage(
  kit: SimulatorKit,
  store: OzanStore,
  request: Request,
  token: string
): Promise<Response> {
  const session = store.session(token)
  if (!session) return new Response('unknown payment', { status: 404 })
  if (request.method === 'GET') {
    return shopperPage({
      title: 'OzanPay checkout',
      lines: [
        ['Order', session.referenceNo],
        ['Amount', `${(session.amount / 100).toFixed(2)} ${session.currency}`],
      ],
    })
  }
  const action = await shopperAction(request)
  if (!action || session.status !== 'WAITING') return new Response('bad request', { status: 400 })
  session.status = action === 'pass' ? 'APPROVED' : 'DECLINED'
  session.message = action === 'pass' ? 'Approved' : 'Declined by the issuer'
  const fields = returnFields(session)
  const merchant = store.merchants.get(session.apiKey)
  // The Laravel integration receives this post at its returnUrl. The gateway's returnUrl carries a
  // one-use state token and answers 303: a server post there would spend the token before the
  // shopper's browser arrives. So the simulator posts it to the notification URL, which answers
  // 200 and, like the return, only makes the gateway ask the status API.
  if (merchant?.notificationUrl) {
    await kit.notify(merchant.apiKey, {
      method: 'POST',
      url: merchant.notificationUrl,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    })
  }
  return autoPostPage('OzanPay', session.returnUrl, fields)
}
