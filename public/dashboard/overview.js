// Overview: the figures of GET /v1/analytics/dashboard for the selected mode and range, a uPlot
// chart of payments per bucket (all, and successful), and a table per provider.
import { api } from './api.js'
import { count, el, fillTable, money, percent } from './dom.js'

const $ = (id) => document.getElementById(id)
const HOUR_MS = 3_600_000
const BUCKET_MS = { hour: HOUR_MS, day: 24 * HOUR_MS }
const CHART_HEIGHT_PX = 260
const WHOLE_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1e3, 2e3, 5e3, 1e4, 2e4, 5e4, 1e5, 1e6]

/** Statuses of payments whose money the provider took (the analytics module's SUCCEEDED). */
const SUCCEEDED = new Set([
  'successful',
  'authorized',
  'refunded',
  'partially_refunded',
  'chargeback',
])

let plot = null

export function resetOverview() {
  plot?.destroy()
  plot = null
  for (const id of ['overview-figures', 'overview-chart', 'overview-providers']) {
    $(id).replaceChildren()
  }
}

export async function loadOverview(view) {
  const figures = await api('GET', '/v1/analytics/dashboard', {
    query: { range: $('range').value, environment: view.environment },
  })
  if (!view.current()) return
  resetOverview()
  showFigures(figures)
  showChart(figures)
  showProviders(figures.providers)
}

/** A headline figure: one value or one per currency, with explanatory lines under it. */
function figure(title, values, lines = []) {
  return el(
    'div',
    { className: 'figure' },
    el('h4', {}, title),
    ...values.map((value) =>
      el('p', { className: values.length > 1 ? 'big several' : 'big' }, value)
    ),
    ...lines.map((line) => el('p', { className: 'hint' }, line))
  )
}

/** `[{ currency, … }]` → one amount per currency, or a dash for none. */
const perCurrency = (rows, amountOf) =>
  rows.length === 0 ? ['—'] : rows.map((r) => money(amountOf(r), r.currency))

function showFigures(f) {
  const volume = new Map()
  let succeeded = 0
  let failed = 0
  for (const row of f.payments.byStatus) {
    const v = volume.get(row.currency) ?? { currency: row.currency, taken: 0, attempted: 0 }
    v.attempted += row.volumeMinor
    if (SUCCEEDED.has(row.status)) {
      v.taken += row.volumeMinor
      succeeded += row.count
    }
    if (row.status === 'failed') failed += row.count
    volume.set(row.currency, v)
  }
  const volumes = [...volume.values()].sort((a, b) => a.currency.localeCompare(b.currency))
  const hooks = f.webhooks
  $('overview-figures').replaceChildren(
    figure(
      'Payments',
      [count(f.payments.count)],
      [`${count(succeeded)} succeeded, ${count(failed)} failed`]
    ),
    figure(
      'Volume succeeded',
      perCurrency(volumes, (v) => v.taken),
      volumes.length ? [`of ${volumes.map((v) => money(v.attempted, v.currency)).join(', ')}`] : []
    ),
    figure(
      'Success rate',
      [percent(succeeded + failed === 0 ? null : succeeded / (succeeded + failed))],
      ['succeeded / (succeeded + failed)']
    ),
    figure(
      'Refunds',
      perCurrency(f.refunds, (r) => r.amountMinor),
      [`${count(f.refunds.reduce((n, r) => n + r.payments, 0))} payments refunded`]
    ),
    figure(
      'Chargebacks',
      perCurrency(f.chargebacks, (r) => r.amountMinor),
      [`${count(f.chargebacks.reduce((n, r) => n + r.count, 0))} payments`]
    ),
    figure(
      'Webhook deliveries',
      [percent(hooks.successRate)],
      [
        `${count(hooks.delivered)} delivered, ${count(hooks.failed)} failed, ${count(hooks.pending)} pending`,
      ]
    )
  )
}

/**
 * Every bucket of the range, empty ones as zero, so the line does not skip quiet hours. Points
 * are summed into their bucket here too, so a series whose starts are not bucket-aligned still
 * draws one point per hour or day.
 */
function buckets(f) {
  const size = BUCKET_MS[f.bucket]
  const bucketOf = (ms) => Math.floor(ms / size) * size
  const byStart = new Map()
  for (const point of f.series) {
    const start = bucketOf(Date.parse(point.start))
    const sum = byStart.get(start) ?? { count: 0, succeeded: 0 }
    sum.count += point.count
    sum.succeeded += point.succeeded
    byStart.set(start, sum)
  }
  const xs = []
  const all = []
  const ok = []
  for (let t = bucketOf(Date.parse(f.from)); t < Date.parse(f.to); t += size) {
    xs.push(t / 1000)
    all.push(byStart.get(t)?.count ?? 0)
    ok.push(byStart.get(t)?.succeeded ?? 0)
  }
  return [xs, all, ok]
}

function showChart(f) {
  const container = $('overview-chart')
  const width = () => Math.max(320, container.clientWidth)
  plot = new window.uPlot(
    {
      width: width(),
      height: CHART_HEIGHT_PX,
      scales: { y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
      series: [
        { label: f.bucket === 'hour' ? 'Hour' : 'Day' },
        { label: 'Payments', stroke: '#3b6fd8', width: 2, fill: 'rgba(59, 111, 216, 0.08)' },
        { label: 'Successful', stroke: '#2a9d5c', width: 2 },
      ],
      // Whole payments only: no 0.2-payment ticks on a quiet day.
      axes: [{}, { label: 'payments', size: 50, incrs: WHOLE_STEPS }],
    },
    buckets(f),
    container
  )
  const current = plot
  const resize = () => {
    if (plot !== current) return window.removeEventListener('resize', resize)
    current.setSize({ width: width(), height: CHART_HEIGHT_PX })
  }
  window.addEventListener('resize', resize)
}

function showProviders(providers) {
  fillTable(
    $('overview-providers'),
    [
      ['Provider', (p) => p.provider],
      ['Payments', (p) => count(p.count), 'num'],
      ['Succeeded', (p) => count(p.succeeded), 'num'],
      ['Failed', (p) => count(p.failed), 'num'],
      ['Success rate', (p) => percent(p.successRate), 'num'],
      ['p50 latency', (p) => (p.latencyMs ? `${p.latencyMs.p50} ms` : '—'), 'num'],
      ['p95 latency', (p) => (p.latencyMs ? `${p.latencyMs.p95} ms` : '—'), 'num'],
      ['Calls', (p) => (p.latencyMs ? count(p.latencyMs.calls) : '0'), 'num'],
      [
        'Top decline / error codes',
        (p) => p.topDeclineCodes.map((d) => `${d.code} × ${d.count}`).join(', ') || '—',
      ],
    ],
    providers,
    { empty: 'No provider activity in this range.' }
  )
}
