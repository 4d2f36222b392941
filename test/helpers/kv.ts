/** The real KV namespace with one of its methods intercepted, for races and failures. */
import { env } from 'cloudflare:workers'

type Method = 'put' | 'delete'

/**
 * The first call of `method` runs `before` (which may throw, as a failing KV would) and then the
 * real call; every other call goes straight to KV.
 */
export function kvIntercepting(method: Method, before: () => Promise<void>): KVNamespace {
  let intercepted = false
  return new Proxy(env.KV, {
    get(target, property) {
      const value = Reflect.get(target, property)
      if (typeof value !== 'function') return value
      if (property !== method || intercepted) return value.bind(target)
      return async (...args: unknown[]) => {
        intercepted = true
        await before()
        return value.apply(target, args)
      }
    },
  })
}
