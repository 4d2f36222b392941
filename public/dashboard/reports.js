// Reports: the figures a merchant files (GET /v1/reports), per day, week or month of a time zone,
// for the selected mode's environment only: sales per currency and provider, and the tax in the
// order lines. The same query as a CSV file is fetched with the token (a plain link could not send
// the Authorization header) and handed to the browser as a download.
import { api, apiResponse } from './api.js'
import { el, fillTable } from './dom.js'

const $ = (id) => document.getElementById(id)
/** Long enough for the browser to start reading the file before its object URL goes. */
const REVOKE_URL_AFTER_MS = 10_000

/** Which request is the latest: a slow answer must not fill the tables of a newer one. */
let asked = 0

const span = (r) =>
  r.periodStart === r.periodEnd ? r.periodStart : `${r.periodStart} – ${r.periodEnd}`

const SALES_COLUMNS = [
  ['Period', span, 'time'],
  ['Currency', (r) => r.currency],
  ['Provider', (r) => r.provider],
  ['Successful', (r) => r.successfulCount, 'num'],
  ['Failed', (r) => r.failedCount, 'num'],
  ['Gross', (r) => r.gross, 'num'],
  ['Refunds', (r) => r.refunds, 'num'],
  ['Chargebacks', (r) => r.chargebacks, 'num'],
  ['Net', (r) => r.net, 'num'],
]

const TAX_COLUMNS = [
  ['Period', span, 'time'],
  ['Currency', (t) => t.currency],
  ['Rate', (t) => (t.taxRate === null ? 'no rate' : `${t.taxRate} %`), 'num'],
  ['Lines', (t) => t.lineCount, 'num'],
  ['Gross', (t) => t.gross, 'num'],
  ['Tax', (t) => t.tax ?? '—', 'num'],
]

export function resetReports() {
  asked++
  $('reports-table').replaceChildren()
  $('reports-tax-table').replaceChildren()
  $('reports-summary').textContent = ''
}

export async function loadReports(view) {
  // Emptied first: a refused query (an unknown time zone) must not leave the last report standing.
  resetReports()
  const ticket = asked
  const report = await api('GET', '/v1/reports', { query: reportQuery(view) })
  if (!view.current() || asked !== ticket) return
  // Asked for this mode's environment; an answer for another one is never shown.
  if (report.environment !== view.environment) return
  $('reports-summary').textContent =
    `${report.period} from ${report.from} to ${report.to}, ${report.timezone}, ${report.environment}`
  fillTable($('reports-table'), SALES_COLUMNS, report.rows, {
    empty: 'No payments in this range.',
  })
  fillTable($('reports-tax-table'), TAX_COLUMNS, report.tax, {
    empty: 'No order lines in this range.',
  })
}

export async function downloadReport(view) {
  const query = { ...reportQuery(view), format: 'csv' }
  const res = await apiResponse('GET', '/v1/reports', { query })
  const file = await res.blob()
  if (!view.current()) return
  const url = URL.createObjectURL(file)
  const filename =
    filenameOf(res.headers.get('Content-Disposition')) ??
    `report-${query.period}-${query.from}-${query.to}.csv`
  const link = el('a', { href: url, download: filename, hidden: true })
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_URL_AFTER_MS)
}

/** The form's query, its empty fields filled with the defaults first (this month, this zone). */
function reportQuery(view) {
  const today = new Date()
  $('reports-from').value ||= localDay(new Date(today.getFullYear(), today.getMonth(), 1))
  $('reports-to').value ||= localDay(today)
  $('reports-timezone').value ||= Intl.DateTimeFormat().resolvedOptions().timeZone
  return {
    period: $('reports-period').value,
    from: $('reports-from').value,
    to: $('reports-to').value,
    timezone: $('reports-timezone').value.trim(),
    environment: view.environment,
  }
}

const pad = (n) => String(n).padStart(2, '0')
const localDay = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`

/** `attachment; filename="report.csv"` → `report.csv`. */
function filenameOf(disposition) {
  const match = disposition?.match(/filename="?([^";]+)"?/i)
  return match ? match[1] : null
}
