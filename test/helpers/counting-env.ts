/**
 * Pass-through wrappers that count what the Worker does with its bindings: every D1 statement it
 * executes on its own, every D1 batch and every Durable Object call. Nothing is faked; each call
 * goes to the real binding.
 */
import { env } from 'cloudflare:workers'
import { interceptingD1 } from './d1'

export interface BindingCounts {
  /** SQL of statements executed outside a batch. */
  statements: string[]
  batches: number
  durableObjectCalls: string[]
}

export function countingEnv(): { env: Env; counts: BindingCounts } {
  const counts: BindingCounts = { statements: [], batches: 0, durableObjectCalls: [] }
  const DB = interceptingD1({
    beforeStatement: (sql) => {
      counts.statements.push(sql)
    },
    onBatch: () => {
      counts.batches++
    },
  })

  const TENANT_GUARD = new Proxy(env.TENANT_GUARD, {
    get(target, property) {
      if (property === 'get') {
        return (id: DurableObjectId) => {
          const stub = target.get(id)
          return new Proxy(
            {},
            {
              get:
                (_, method) =>
                (...args: unknown[]) => {
                  counts.durableObjectCalls.push(String(method))
                  return (stub as unknown as Record<string, (...a: unknown[]) => unknown>)[
                    String(method)
                  ]!(...args)
                },
            }
          )
        }
      }
      const value = Reflect.get(target, property)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })

  return { env: { ...env, DB, TENANT_GUARD } as Env, counts }
}

/** One request the Worker sent out of the isolate. */
export interface OutboundCall {
  method: string
  url: URL
}

/**
 * Records every request sent through the global `fetch` from now until `stop()`, and sends each
 * one on unchanged. Real provider adapters reach their simulators through it (the gateway hands
 * them the global `fetch`, see `networkFor` in `src/payments/provider-context.ts`, and
 * vitest.config.ts routes it to the simulators), so this is where their calls are seen without
 * faking any of them. Requests the test itself makes while recording are recorded too.
 */
export function recordingOutboundFetch(): { calls: OutboundCall[]; stop: () => void } {
  const calls: OutboundCall[] = []
  const original = globalThis.fetch
  globalThis.fetch = (input, init) => {
    const request = input instanceof Request ? input : undefined
    calls.push({
      method: (init?.method ?? request?.method ?? 'GET').toUpperCase(),
      url: new URL(request?.url ?? String(input)),
    })
    return original(input, init)
  }
  return {
    calls,
    stop: () => {
      globalThis.fetch = original
    },
  }
}
