/**
 * Pass-through wrappers that count what the Worker does with its bindings: every D1 statement it
 * executes on its own, every D1 batch and every Durable Object call. Nothing is faked; each call
 * goes to the real binding.
 */
import { env } from 'cloudflare:workers'

export interface BindingCounts {
  /** SQL of statements executed outside a batch. */
  statements: string[]
  batches: number
  durableObjectCalls: string[]
}

export function countingEnv(): { env: Env; counts: BindingCounts } {
  const counts: BindingCounts = { statements: [], batches: 0, durableObjectCalls: [] }
  const realStatement = new WeakMap<object, D1PreparedStatement>()

  const wrapStatement = (statement: D1PreparedStatement, sql: string): D1PreparedStatement => {
    const proxy = new Proxy(statement, {
      get(target, property) {
        if (property === 'bind') {
          return (...values: unknown[]) => wrapStatement(target.bind(...values), sql)
        }
        const value = Reflect.get(target, property)
        if (typeof value !== 'function') return value
        if (['first', 'all', 'raw', 'run'].includes(String(property))) {
          return (...args: unknown[]) => {
            counts.statements.push(sql)
            return value.apply(target, args)
          }
        }
        return value.bind(target)
      },
    })
    realStatement.set(proxy, statement)
    return proxy
  }

  const DB = new Proxy(env.DB, {
    get(target, property) {
      if (property === 'prepare') return (sql: string) => wrapStatement(target.prepare(sql), sql)
      if (property === 'batch') {
        return (statements: D1PreparedStatement[]) => {
          counts.batches++
          return target.batch(statements.map((s) => realStatement.get(s) ?? s))
        }
      }
      const value = Reflect.get(target, property)
      return typeof value === 'function' ? value.bind(target) : value
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
