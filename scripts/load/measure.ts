/**
 * @module One measured run: autocannon against a worker for a bounded time (or until a pool of
 * single-use requests is spent), with every response's latency kept so the percentiles are exact
 * (autocannon's own list has no p95), and the provider calls the simulators answered meanwhile.
 */
import { loadavg } from 'node:os'
import { setTimeout as sleep } from 'node:timers/promises'
import autocannon from 'autocannon'

export interface RunOptions {
  url: string
  connections: number
  durationS: number
  requests: autocannon.Request[]
  /** For single-use requests: the run stops when this many were sent, or at `durationS`. */
  amount?: number
  /** Statuses that mean the request did what the scenario asks (a callback's 303). */
  expected: number[]
  /** Provider calls the simulators have answered so far. */
  providerCalls: () => number
}

export interface RunResult {
  connections: number
  durationS: number
  requests: number
  rps: number
  latencyMs: { p50: number; p95: number; p99: number; mean: number; max: number }
  statusCodes: Record<string, number>
  non2xx: number
  /** Answers with a status outside `expected`. */
  unexpected: number
  errors: number
  timeouts: number
  providerCallsPerRequest: number
  /** The machine's 1-minute load average as the run started: other work on the CPUs. */
  loadAverage: number
}

const SETTLE_MS = 1000

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

export async function run(options: RunOptions): Promise<RunResult> {
  const latencies: number[] = []
  const loadAverage = loadavg()[0]!
  const callsBefore = options.providerCalls()
  const startedAt = performance.now()
  let lastAnswerAt = startedAt
  const instance = autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationS,
    amount: options.amount,
    requests: options.requests,
    timeout: 30,
  })
  instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => {
    latencies.push(ms)
    lastAnswerAt = performance.now()
  })
  // With `amount`, autocannon ignores the duration: the run is bounded here instead.
  const timer = options.amount
    ? setTimeout(() => instance.stop(), options.durationS * 1000)
    : undefined
  const result = await instance
  clearTimeout(timer)
  // Requests cut off at the end are still at the gateway, some at a provider: they are counted
  // among those sent once they are done.
  await sleep(SETTLE_MS)
  const calls = options.providerCalls() - callsBefore
  // Not autocannon's duration: it ends a run on its next 1-second tick, up to a second after a
  // pool's last answer, which would understate the rate of pooled runs.
  const durationS = (lastAnswerAt - startedAt) / 1000
  const sorted = latencies.sort((a, b) => a - b)
  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats).map(([status, { count }]) => [status, count])
  )
  const unexpected = Object.entries(statusCodes)
    .filter(([status]) => !options.expected.includes(Number(status)))
    .reduce((sum, [, count]) => sum + count, 0)
  return {
    connections: options.connections,
    durationS: round(durationS, 2),
    requests: latencies.length,
    rps: round(latencies.length / durationS),
    latencyMs: {
      p50: round(percentile(sorted, 50)),
      p95: round(percentile(sorted, 95)),
      p99: round(percentile(sorted, 99)),
      mean: round(sorted.reduce((a, b) => a + b, 0) / Math.max(sorted.length, 1)),
      max: round(sorted.at(-1) ?? Number.NaN),
    },
    statusCodes,
    non2xx: result.non2xx,
    unexpected,
    errors: result.errors,
    timeouts: result.timeouts,
    providerCallsPerRequest: round(calls / Math.max(result.requests.sent, 1), 2),
    loadAverage: round(loadAverage, 2),
  }
}
