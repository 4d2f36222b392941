/**
 * @module `POST /api/payments/payment` (doc "Založení platby"): checked as GoPay documents the
 * body (required fields, formats, items adding up to the amount: error 360, the GoID of the
 * token's e-shop: error 320 PAYEE_NOT_FOUND), answered with the new payment in state CREATED and
 * its `gw_url`. GoPay's WAF refuses bodies with `\u` escapes (PHP SDK `GoPay::encodeData` note).
 */
import { dropConnection, type SimulatorKit } from '../kit/types.ts'
import type { Eshop, GoPayStore } from './store.ts'
import { fieldError, gopayError, json, paymentView, systemError } from './wire.ts'

export const CURRENCIES = ['CZK', 'EUR', 'PLN', 'USD', 'GBP', 'HUF', 'RON', 'BGN', 'HRK']
const INSTRUMENTS = [
  'PAYMENT_CARD',
  'BANK_ACCOUNT',
  'GPAY',
  'APPLE_PAY',
  'PAYPAL',
  'MPAYMENT',
  'PRSMS',
  'PAYSAFECARD',
  'BITCOIN',
  'CLICK_TO_PAY',
  'TWISTO',
  'SKIPPAY',
  'GOPAY',
]
const LANGS = 'CS SK EN DE RU FR HU PL RO BG HR IT ES UK ET LT LV SL PT'.split(' ')
const ITEM_TYPES = ['ITEM', 'DELIVERY', 'DISCOUNT']
const CYCLES = ['DAY', 'WEEK', 'MONTH', 'ON_DEMAND']

type Json = Record<string, unknown>
type Problem = [code: number, field: string, message: string]

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
const isText = (v: unknown, max: number): v is string =>
  typeof v === 'string' && v.length > 0 && v.length <= max
const isCount = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0

/** Items: each with a type, a name and its line total; together the payment's amount. */
export function itemsProblem(items: unknown, amount: number): Problem | undefined {
  if (items === undefined) return undefined
  if (!Array.isArray(items)) return [111, 'items', 'Wrong format']
  let sum = 0
  for (const [i, item] of items.entries()) {
    if (!isObject(item) || !ITEM_TYPES.includes(String(item.type ?? 'ITEM')))
      return [111, `items[${i}].type`, 'Wrong format']
    if (!isText(item.name, 256)) return [110, `items[${i}].name`, 'Mandatory']
    if (!Number.isSafeInteger(item.amount)) return [110, `items[${i}].amount`, 'Mandatory']
    if (
      item.count !== undefined &&
      !(Number.isSafeInteger(item.count) && (item.count as number) >= 1)
    )
      return [111, `items[${i}].count`, 'Wrong format']
    sum += item.amount as number
  }
  return sum === amount ? undefined : [360, 'items', 'Sum of items does not match the amount']
}

function payerProblem(payer: unknown): Problem | undefined {
  if (!isObject(payer) || !isObject(payer.contact)) return [110, 'payer.contact', 'Mandatory']
  if (!isText(payer.contact.email, 128) || !payer.contact.email.includes('@'))
    return [110, 'payer.contact.email', 'Mandatory']
  const allowed = payer.allowed_payment_instruments
  if (
    allowed !== undefined &&
    (!Array.isArray(allowed) || !allowed.every((i) => INSTRUMENTS.includes(i)))
  )
    return [111, 'payer.allowed_payment_instruments', 'Wrong format']
  const preferred = payer.default_payment_instrument
  if (preferred !== undefined && !(allowed ?? INSTRUMENTS).includes(preferred))
    return [111, 'payer.default_payment_instrument', 'Wrong format']
  const token = payer.request_card_token
  if (token === true || token === 'true') {
    const cardOnly = Array.isArray(allowed) && allowed.length === 1 && allowed[0] === 'PAYMENT_CARD'
    if (!cardOnly)
      return [111, 'payer.allowed_payment_instruments', 'Card tokens need PAYMENT_CARD only']
  }
  return undefined
}

function recurrenceProblem(recurrence: unknown, today: string): Problem | undefined {
  if (recurrence === undefined) return undefined
  if (!isObject(recurrence) || !CYCLES.includes(String(recurrence.recurrence_cycle)))
    return [111, 'recurrence.recurrence_cycle', 'Wrong format']
  const dateTo = recurrence.recurrence_date_to
  if (typeof dateTo !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(dateTo) || dateTo <= today)
    return [111, 'recurrence.recurrence_date_to', 'Wrong format']
  if (recurrence.recurrence_cycle !== 'ON_DEMAND' && !isCount(Number(recurrence.recurrence_period)))
    return [110, 'recurrence.recurrence_period', 'Mandatory']
  return undefined
}

function problemOf(
  body: Json,
  eshop: Eshop,
  today: string
): Problem | [320, string, string] | undefined {
  const target = body.target
  if (!isObject(target) || target.type !== 'ACCOUNT') return [110, 'target', 'Mandatory']
  if (typeof target.goid !== 'number') return [111, 'target.goid', 'Wrong format']
  if (String(target.goid) !== eshop.goId) return [320, 'goid', 'Payee not found']
  const preauth = body.preauthorization === true
  if (!isCount(body.amount) || (body.amount === 0 && !preauth)) return [110, 'amount', 'Mandatory']
  if (!CURRENCIES.includes(String(body.currency))) return [111, 'currency', 'Wrong format']
  if (!isText(body.order_number, 128)) return [110, 'order_number', 'Mandatory']
  if (body.order_description !== undefined && !isText(body.order_description, 256))
    return [111, 'order_description', 'Wrong format']
  const callback = body.callback
  if (!isObject(callback) || !isText(callback.return_url, 512))
    return [110, 'callback.return_url', 'Mandatory']
  if (!isText(callback.notification_url, 512))
    return [110, 'callback.notification_url', 'Mandatory']
  if (body.lang !== undefined && !LANGS.includes(String(body.lang).toUpperCase()))
    return [111, 'lang', 'Wrong format']
  return (
    payerProblem(body.payer) ??
    itemsProblem(body.items, body.amount as number) ??
    recurrenceProblem(body.recurrence, today)
  )
}

/** GoPay's WAF: JSON `\u` escapes are taken for an attack (HTTP 403, not GoPay's JSON). */
export const wafRefuses = (raw: string) => /\\u[0-9a-fA-F]{4}/.test(raw)
export const wafAnswer = () =>
  new Response('<html><body>Request rejected</body></html>', {
    status: 403,
    headers: { 'Content-Type': 'text/html' },
  })

export async function createPayment(
  kit: SimulatorKit,
  store: GoPayStore,
  eshop: Eshop,
  request: Request,
  base: string
) {
  const now = kit.now()
  if (request.headers.get('Content-Type')?.split(';')[0] !== 'application/json')
    return fieldError(now, 111, 'Content-Type', 'Wrong format')
  const raw = await request.text()
  if (wafRefuses(raw)) return wafAnswer()
  let body: unknown
  try {
    body = JSON.parse(raw)
  } catch {
    return gopayError(now, 409, { code: 116, message: 'Invalid request' })
  }
  if (!isObject(body)) return gopayError(now, 409, { code: 116, message: 'Invalid request' })
  const problem = problemOf(body, eshop, new Date(now).toISOString().slice(0, 10))
  if (problem) {
    const [code, field, message] = problem
    return code === 320
      ? gopayError(now, 409, { code, name: 'PAYEE_NOT_FOUND', field, message })
      : fieldError(now, code, field, message)
  }
  const fault = kit.fault(eshop.goId, 'create')
  if (fault === 'http_500') return systemError(now)
  const payer = body.payer as Json
  const recurrence = body.recurrence as Json | undefined
  const callback = body.callback as Json
  const payment = store.addPayment({
    goId: eshop.goId,
    orderNumber: body.order_number as string,
    orderDescription: body.order_description as string | undefined,
    state: 'CREATED',
    amount: body.amount as number,
    currency: body.currency as string,
    lang: String(body.lang ?? 'EN'),
    payer: Object.fromEntries(
      Object.entries(payer).filter(
        ([key]) => key.startsWith('allowed_') || key.startsWith('default_')
      )
    ),
    contact: payer.contact as Json,
    ...(body.preauthorization === true
      ? { preauthorization: { requested: true as const, state: 'REQUESTED' as const } }
      : {}),
    ...(recurrence
      ? {
          recurrence: {
            recurrence_cycle: String(recurrence.recurrence_cycle),
            ...(recurrence.recurrence_period === undefined
              ? {}
              : { recurrence_period: Number(recurrence.recurrence_period) }),
            recurrence_date_to: String(recurrence.recurrence_date_to),
            recurrence_state: 'REQUESTED' as const,
          },
        }
      : {}),
    requestCardToken: payer.request_card_token === true || payer.request_card_token === 'true',
    returnUrl: callback.return_url as string,
    notificationUrl: callback.notification_url as string,
  })
  if (fault === 'drop') return dropConnection()
  return json(paymentView(base, payment))
}
