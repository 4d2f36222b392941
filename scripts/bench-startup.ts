/**
 * @module `npm run bench:startup`: the gateway's cold start against a bare Hono worker, measured in
 * the same run by `wrangler check startup` (the isolate's active CPU before its first request, and
 * the bundle size). Each is measured several times; the medians and their ratio go to the console
 * and to `bench/results/startup.json`. Not part of `npm test`: timings depend on the machine.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const RUNS = Number(process.env.STARTUP_RUNS ?? 3)

interface Sample {
  activeMs: number
  /** From the first to the last sample: startup's wall time, idle waits included. */
  windowMs: number
  bundleKiB: number
  gzipKiB: number
}

function measure(cwd: string | undefined, label: string): Sample {
  const outfile = join(mkdtempSync(join(tmpdir(), 'startup-')), `${label}.cpuprofile`)
  // `--cwd`, not `--config`: `check startup` builds the project of its working directory.
  const args = ['wrangler', 'check', 'startup', '--outfile', outfile]
  if (cwd) args.push('--cwd', cwd)
  const result = spawnSync('npx', args, { encoding: 'utf8' })
  const text = `${result.stdout}${result.stderr}`
  const active = text.match(/Active: ([\d.]+) ms/)
  const window = text.match(/Profile window: ([\d.]+) ms/)
  const bundle = text.match(/Bundle: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/)
  if (result.status !== 0 || !active || !window || !bundle)
    throw new Error(`${label}: ${text.slice(-2000)}`)
  return {
    activeMs: Number(active[1]),
    windowMs: Number(window[1]),
    bundleKiB: Number(bundle[1]),
    gzipKiB: Number(bundle[2]),
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

const samples = { gateway: [] as Sample[], bare: [] as Sample[] }
// Interleaved, so a busy moment of the machine weighs on both alike.
for (let run = 0; run < RUNS; run++) {
  samples.gateway.push(measure(undefined, 'gateway'))
  samples.bare.push(measure('bench/bare-worker', 'bare'))
}
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length
const round = (value: number) => Math.round(value * 10) / 10

// The profiler samples about every 10 ms, so a bare worker's few milliseconds often land in no
// sample at all: its mean over the runs estimates it better than the median, and the profile
// window (wall time) is reported beside it.
const summary = (list: Sample[]) => ({
  activeMsMean: round(mean(list.map((s) => s.activeMs))),
  activeMsMedian: median(list.map((s) => s.activeMs)),
  windowMsMedian: median(list.map((s) => s.windowMs)),
  activeMs: list.map((s) => s.activeMs),
  windowMs: list.map((s) => s.windowMs),
  bundleKiB: list[0]!.bundleKiB,
  gzipKiB: list[0]!.gzipKiB,
})
const gateway = summary(samples.gateway)
const bare = summary(samples.bare)
const report = {
  measuredAt: new Date().toISOString(),
  runs: RUNS,
  gateway,
  bare,
  activeRatio: round(gateway.activeMsMean / Math.max(bare.activeMsMean, 0.1)),
  windowRatio: round(gateway.windowMsMedian / bare.windowMsMedian),
  targets: { ratio: 2, gzipKiB: 200 },
}
mkdirSync('bench/results', { recursive: true })
writeFileSync('bench/results/startup.json', `${JSON.stringify(report, null, 2)}\n`)
console.log(
  [
    '| worker | active startup CPU, mean ms | startup window, median ms | bundle KiB | gzip KiB |',
    '| --- | --- | --- | --- | --- |',
    `| gateway | ${gateway.activeMsMean} | ${gateway.windowMsMedian} | ${gateway.bundleKiB} | ${gateway.gzipKiB} |`,
    `| bare Hono worker | ${bare.activeMsMean} | ${bare.windowMsMedian} | ${bare.bundleKiB} | ${bare.gzipKiB} |`,
    '',
    `active CPU ${report.activeRatio}×, window ${report.windowRatio}× the bare worker (target ≤ 2×); gzip ${gateway.gzipKiB} KiB (target ≤ 200 KiB)`,
  ].join('\n')
)
