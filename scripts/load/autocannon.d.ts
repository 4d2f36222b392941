/**
 * The part of autocannon's programmatic API that `npm run bench:load` uses (autocannon ships no
 * types). Field names and meanings: its README, "API".
 */
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events'

  namespace autocannon {
    interface Request {
      method?: string
      path?: string
      headers?: Record<string, string>
      body?: string | Buffer
      /** Called before each send of this request; what it returns is sent. */
      setupRequest?: (request: Request, context: Record<string, unknown>) => Request
    }

    interface Options {
      url: string
      connections?: number
      /** Seconds; ignored when `amount` is set. */
      duration?: number
      /** Stop after this many requests. */
      amount?: number
      /** Milliseconds between the samples `requests` and `throughput` are made of. */
      sampleInt?: number
      timeout?: number
      method?: string
      headers?: Record<string, string>
      body?: string
      requests?: Request[]
    }

    interface Histogram {
      average: number
      mean: number
      stddev: number
      min: number
      max: number
      total: number
      p50: number
      p99: number
    }

    interface Result {
      duration: number
      errors: number
      timeouts: number
      non2xx: number
      statusCodeStats: Record<string, { count: number }>
      latency: Histogram
      requests: Histogram & { sent: number }
      throughput: Histogram
    }

    interface Instance extends EventEmitter, PromiseLike<Result> {
      stop(): void
    }
  }

  function autocannon(options: autocannon.Options): autocannon.Instance
  export default autocannon
}
