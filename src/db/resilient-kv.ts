/**
 * @module KV as a cache that may fail: every KV value the gateway reads is a copy of something in
 * D1 (or a token it can ask for again), so a KV outage must cost latency, never a request. Reads
 * that fail answer "not cached" and the caller loads from D1; writes that fail are logged and
 * dropped. Deletes still fail loudly: they invalidate a copy after a change (credentials deleted,
 * an API key revoked), and a stale copy must not outlive the change unnoticed.
 */

const logFailure = (operation: string, key: unknown, error: unknown) =>
  console.error(
    JSON.stringify({ event: 'kv_unavailable', operation, key: String(key), error: String(error) })
  )

export function resilientKv(kv: KVNamespace): KVNamespace {
  return new Proxy(kv, {
    get(target, property) {
      const value = Reflect.get(target, property)
      if (typeof value !== 'function') return value
      const method = String(property)
      if (!['get', 'getWithMetadata', 'put'].includes(method)) return value.bind(target)
      return async (...args: unknown[]) => {
        try {
          return await value.apply(target, args)
        } catch (error) {
          logFailure(method, args[0], error)
          if (method === 'getWithMetadata') return { value: null, metadata: null }
          return method === 'get' ? null : undefined
        }
      }
    },
  })
}
