// Webhooks: the mode's notification endpoints (GET /v1/config/webhooks, each has a `mode`) and the
// recent deliveries to them (GET /v1/webhooks/deliveries?environment=…), each with a Resend button
// (POST /v1/webhooks/deliveries/{id}/resend) that shows the answer and redraws its row.
import { ApiError, api } from './api.js'
import { appendRows, el, fillTable, rowOf, time } from './dom.js'

const $ = (id) => document.getElementById(id)
const PAGE_SIZE = 20

let cursor = null
/** Endpoint id → endpoint, of the selected mode only. */
let endpoints = new Map()

export function resetWebhooks() {
  cursor = null
  endpoints = new Map()
  clearResult()
  $('endpoints-table').replaceChildren()
  $('deliveries-table').replaceChildren()
  $('deliveries-more').hidden = true
}

export async function loadWebhooks(view, { more = false } = {}) {
  if (!more) {
    const listed = await api('GET', '/v1/config/webhooks')
    if (!view.current()) return
    resetWebhooks()
    const ofMode = listed.data.filter((e) => e.mode === view.mode)
    endpoints = new Map(ofMode.map((e) => [e.id, e]))
    fillTable($('endpoints-table'), ENDPOINT_COLUMNS, ofMode, {
      empty: `No ${view.mode} endpoints. Add one with POST /v1/config/webhooks.`,
    })
  }
  const page = await api('GET', '/v1/webhooks/deliveries', {
    query: { environment: view.environment, limit: PAGE_SIZE, cursor: more ? cursor : undefined },
  })
  if (!view.current()) return
  // Deliveries go to endpoints, and endpoints have a mode: one to an endpoint of the other mode
  // (or of a deleted endpoint, whose mode is unknown) is never shown here.
  const rows = page.data.filter((d) => endpoints.has(d.endpointId))
  const columns = deliveryColumns(view)
  const rowProps = (d) => ({ dataset: { deliveryId: d.id } })
  if (more) appendRows($('deliveries-table').tBodies[0], columns, rows, rowProps)
  else fillTable($('deliveries-table'), columns, rows, { empty: 'No deliveries yet.', rowProps })
  cursor = page.nextCursor
  $('deliveries-more').hidden = cursor === null
}

const ENDPOINT_COLUMNS = [
  ['URL', (e) => e.url],
  ['Status', (e) => (e.disabledReason ? `${e.status}: ${e.disabledReason}` : e.status)],
  ['Events', (e) => (e.events ? e.events.join(', ') : 'all')],
  ['Description', (e) => e.description ?? ''],
  ['Created', (e) => time(e.createdAt), 'time'],
  ['Id', (e) => e.id],
]

function deliveryColumns(view) {
  return [
    ['Created', (d) => time(d.createdAt), 'time'],
    ['Event', (d) => d.eventType],
    ['Endpoint', (d) => endpoints.get(d.endpointId)?.url ?? d.endpointId],
    ['Status', (d) => el('span', { className: `status ${d.status}` }, d.status)],
    ['Attempts', (d) => d.attempts, 'num'],
    ['Last status code', (d) => d.lastStatusCode ?? '—', 'num'],
    ['Last error', (d) => d.lastError ?? ''],
    ['Next attempt / delivered', (d) => nextOrDelivered(d)],
    ['', (d) => resendButton(view, d)],
  ]
}

/** A pending delivery's next try (a resent one keeps its old deliveredAt), else when it arrived. */
function nextOrDelivered(d) {
  if (d.status === 'pending') return d.nextAttemptAt ? `next ${time(d.nextAttemptAt)}` : 'queued'
  return d.deliveredAt ? time(d.deliveredAt) : '—'
}

function resendButton(view, delivery) {
  const button = el('button', { type: 'button', className: 'resend', textContent: 'Resend' })
  button.addEventListener('click', () => resend(view, delivery, button))
  return button
}

async function resend(view, delivery, button) {
  button.disabled = true
  clearResult()
  try {
    const answer = await api(
      'POST',
      `/v1/webhooks/deliveries/${encodeURIComponent(delivery.id)}/resend`
    )
    if (!view.current()) return
    const row = button.closest('tr')
    row.replaceWith(
      rowOf(deliveryColumns(view), answer.delivery, (d) => ({ dataset: { deliveryId: d.id } }))
    )
    showResult(
      `Queued again: ${answer.delivery.id} (${answer.delivery.eventType}), now ${answer.delivery.status}.`
    )
  } catch (error) {
    if (!(error instanceof ApiError)) return view.fail(error)
    showResult(`Resend failed: ${error.message}`, true)
    button.disabled = false
  }
}

function showResult(text, failed = false) {
  const result = $('resend-result')
  result.textContent = text
  result.classList.toggle('error', failed)
}

const clearResult = () => showResult('')
