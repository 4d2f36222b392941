// Payments: the mode's recent payments (GET /v1/payments, a page at a time), and one payment's
// story: its events and refunds (GET …/{paymentId}/history) and the provider calls made for it
// (GET /v1/logs/{provider}?paymentId=…), both bodies masked by the gateway. A payment the risk
// rules held shows why, with Approve and Reject (POST …/{paymentId}/review).
import { ApiError, api } from './api.js'
import { appendRows, disclosure, el, fillTable, money, time } from './dom.js'

const $ = (id) => document.getElementById(id)
const PAGE_SIZE = 20

let cursor = null
/** Which opening of a payment's detail is the latest (a slow answer must not fill a newer one). */
let opened = 0

const COLUMNS = [
  ['Created', (p) => time(p.createdAt), 'time'],
  [
    'Payment',
    (p) => el('button', { type: 'button', className: 'link open', textContent: p.paymentId }),
  ],
  ['Provider', (p) => p.provider],
  ['Status', (p) => el('span', { className: `status ${p.status}` }, p.status)],
  ['Amount', (p) => money(p.amountMinor, p.currency), 'num'],
  [
    'Refunded',
    (p) => (p.refundedAmountMinor ? money(p.refundedAmountMinor, p.currency) : ''),
    'num',
  ],
  ['Risk', (p) => (p.risk ? riskBadge(p.risk) : ''), 'num'],
  ['Card', (p) => p.card ?? ''],
  ['Decline', (p) => p.declineCode ?? ''],
]

/** The score, coloured by what was done, with the reasons on hover. */
const riskBadge = (risk) =>
  el('span', {
    className: `risk ${risk.decision}`,
    title: risk.reasons.map((r) => r.message).join('\n') || 'No signal fired.',
    textContent: String(risk.score),
  })

export function resetPayments() {
  cursor = null
  opened++
  $('payments-table').replaceChildren()
  $('payments-more').hidden = true
  $('payment-detail').hidden = true
  $('payment-detail').replaceChildren()
}

export async function loadPayments(view, { more = false } = {}) {
  const page = await api('GET', '/v1/payments', {
    query: { environment: view.environment, limit: PAGE_SIZE, cursor: more ? cursor : undefined },
  })
  if (!view.current()) return
  // A list of the other mode never reaches this table: the API was asked for this one.
  const rows = page.data.filter((p) => p.environment === view.environment)
  const rowProps = (p) => ({
    dataset: { paymentId: p.paymentId },
    onclick: () => openPayment(view, p).catch(view.fail),
  })
  if (more) appendRows($('payments-table').tBodies[0], COLUMNS, rows, rowProps)
  else {
    resetPayments()
    fillTable($('payments-table'), COLUMNS, rows, { empty: 'No payments in this mode.', rowProps })
  }
  cursor = page.nextCursor
  $('payments-more').hidden = cursor === null
}

async function openPayment(view, payment) {
  const ticket = ++opened
  const detail = $('payment-detail')
  for (const row of $('payments-table').tBodies[0].rows) {
    row.classList.toggle('selected', row.dataset.paymentId === payment.paymentId)
  }
  detail.hidden = false
  const base = `/v1/payments/${encodeURIComponent(payment.provider)}/${encodeURIComponent(payment.paymentId)}`
  detail.replaceChildren(
    el('h3', {}, `Payment ${payment.paymentId}`),
    summary(payment),
    ...(payment.risk ? riskSection(view, payment, base) : [])
  )
  const [history, calls] = await Promise.allSettled([
    api('GET', `${base}/history`),
    api('GET', `/v1/logs/${encodeURIComponent(payment.provider)}`, {
      query: { paymentId: payment.paymentId, environment: view.environment },
    }),
  ])
  // The mode changed, or another payment was opened meanwhile: this answer is not wanted.
  if (!view.current() || opened !== ticket) return
  detail.append(
    el('h4', {}, 'Events'),
    settled(history, (h) => eventsTable(h.events)),
    el('h4', {}, 'Refunds'),
    settled(history, (h) => refundsTable(h.refunds)),
    el('h4', {}, 'Provider calls'),
    settled(calls, (c) => callsTable(c.data))
  )
  detail.scrollIntoView({ behavior: 'smooth', block: 'start' })
}

function riskSection(view, payment, base) {
  const { risk } = payment
  const nodes = [
    el('h4', {}, 'Risk'),
    el(
      'p',
      {},
      `Score ${risk.score} (${risk.decision}), rules version ${risk.rulesVersion}`,
      risk.review ? `; ${risk.review.decision}d ${time(risk.review.at)}` : ''
    ),
    detailTable(
      'risk-reasons',
      [
        ['Signal', (r) => r.code],
        ['Points', (r) => r.points, 'num'],
        ['Why', (r) => r.message],
      ],
      risk.reasons,
      'No signal fired.'
    ),
  ]
  if (payment.status === 'review' && risk.decision === 'review' && !risk.review) {
    const decide = async (decision) => {
      if (
        decision === 'reject' &&
        !window.confirm('Reject this payment and void its authorization?')
      )
        return
      const decided = await api('POST', `${base}/review`, { body: { decision } })
      if (view.current()) await openPayment(view, decided)
    }
    const button = (decision, label) =>
      el('button', {
        type: 'button',
        className: `review ${decision}`,
        textContent: label,
        onclick: () => decide(decision).catch(view.fail),
      })
    nodes.push(
      el(
        'p',
        { className: 'actions' },
        button('approve', 'Approve'),
        ' ',
        button('reject', 'Reject')
      )
    )
  }
  return nodes
}

/** A fulfilled answer rendered, or the API's error message in its place. */
function settled(result, render) {
  if (result.status === 'fulfilled') return render(result.value)
  const reason = result.reason
  if (!(reason instanceof ApiError)) throw reason
  return el('p', { className: 'error' }, reason.message)
}

function summary(p) {
  const facts = [
    ['Status', p.status],
    ['Provider', `${p.provider} (${p.environment})`],
    ['Amount', money(p.amountMinor, p.currency)],
    ['Captured', money(p.capturedAmountMinor, p.currency)],
    ['Refunded', money(p.refundedAmountMinor, p.currency)],
    ['Provider id', p.transactionId],
    ['Order id', p.orderId],
    ['Card', p.card],
    ['Card fingerprint', p.cardFingerprint],
    ['Message', p.message],
    ['Decline code', p.declineCode],
    ['Created', time(p.createdAt)],
    ['Updated', time(p.updatedAt)],
  ]
  return el(
    'dl',
    { className: 'facts' },
    ...facts
      .filter(([, value]) => value !== undefined && value !== null && value !== '')
      .flatMap(([term, value]) => [el('dt', {}, term), el('dd', {}, value)])
  )
}

/** A table of the payment's detail: its class, columns, rows and what an empty one says. */
function detailTable(className, columns, rows, empty) {
  const table = el('table', { className })
  fillTable(table, columns, rows, { empty })
  return table
}

const eventsTable = (events) =>
  detailTable(
    'events',
    [
      ['Time', (e) => time(e.createdAt), 'time'],
      ['Event', (e) => e.type],
      ['Status', (e) => e.payment?.status ?? ''],
      [
        'Refunded',
        (e) => (e.payment ? money(e.payment.refundedAmountMinor, e.payment.currency) : ''),
        'num',
      ],
      ['Id', (e) => e.id],
    ],
    events,
    'No events.'
  )

const refundsTable = (refunds) =>
  detailTable(
    'refunds',
    [
      ['Created', (r) => time(r.createdAt), 'time'],
      ['Refund', (r) => r.id],
      ['Status', (r) => r.status],
      ['Amount', (r) => money(r.amountMinor, r.currency), 'num'],
      ['Reason', (r) => r.reason ?? ''],
      ['Provider refund id', (r) => r.providerRefundId ?? ''],
      ['Updated', (r) => time(r.updatedAt), 'time'],
    ],
    refunds,
    'No refunds.'
  )

const callsTable = (calls) =>
  detailTable(
    'calls',
    [
      ['Time', (c) => time(c.createdAt), 'time'],
      ['Operation', (c) => c.operation],
      ['Outcome', (c) => c.outcome],
      ['HTTP', (c) => c.httpStatus ?? 'no answer', 'num'],
      ['Latency', (c) => `${c.latencyMs} ms`, 'num'],
      [
        'Request',
        (c) =>
          disclosure(`${c.request.method} ${c.request.url}`.trim() || 'request', c.request.body),
      ],
      ['Response', (c) => disclosure('response', c.response)],
      ['Request id', (c) => c.requestId ?? 'cron'],
    ],
    calls,
    'No provider calls logged for this payment.'
  )
