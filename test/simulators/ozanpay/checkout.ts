/**
 * @module OzanPay's checkout API as the simulator plays it: `POST /pw/v3/initializePayment` (JSON
 * with `apiKey` in the body, amount in integer cents) answers `{code: "283", status: "PENDING",
 * purchaseUrl, transactionId}`; `POST /api/v3/status` with `{apiKey, referenceNo, transactionId?}`
 * answers `{code: "0", status, transactionId, referenceNo, message}`. The hosted page posts the
 * return fields to `returnUrl` through the browser and, server to server, to the merchant's URL.
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
  const amount = body.amount
  if (typeof amount !== 'number' || !Number.isInteger(amount) || amount <= 0)
    return refuse('amount must be a positive integer in cents')
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
  const transactionId = text(body.transactionId)
  const session = referenceNo
    ? store.find(merchant.apiKey, referenceNo)
    : store.findByTransaction(merchant.apiKey, transactionId)
  if (!session || (transactionId && transactionId !== session.transactionId))
    return json({ code: '404', message: 'Transaction not found' }, 404)
  const answer = json({
    code: '0',
    status: session.status,
    message: session.message,
    transactionId: session.transactionId,
    referenceNo: session.referenceNo,
  })
  return fault === 'drop' ? dropped() : answer
}

/** The return fields, as the Laravel and ClearSettle integrations read them. */
const returnFields = (session: Session): Record<string, string> => ({
  referenceNo: session.referenceNo,
  transactionId: session.transactionId,
  status: session.status,
  message: session.message,
  amountProcessed: session.status === 'APPROVED' ? String(session.amount) : '0',
  ...(session.status === 'APPROVED' ? { code: '00' } : {}),
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
