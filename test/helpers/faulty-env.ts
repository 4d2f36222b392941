/**
 * The real bindings with an outage switched on: KV that throws on every call, a tenant guard whose
 * every call fails, or D1 that fails the batch storing a new payment. Everything else reaches the
 * real binding, so a test sees what the Worker does when one piece of the platform is down.
 */
import { env } from 'cloudflare:workers'

const failing = (what: string) => () => Promise.reject(new Error(`${what}: simulated outage`))

export function kvDown(): KVNamespace {
  return new Proxy(env.KV, {
    get: (target, property) =>
      ['get', 'getWithMetadata', 'put', 'delete', 'list'].includes(String(property))
        ? failing('KV')
        : Reflect.get(target, property),
  })
}

/** The real tenant guard, except that the named calls fail. */
export function guardFailing(methods: readonly string[]): Env['TENANT_GUARD'] {
  return new Proxy(env.TENANT_GUARD, {
    get(target, property) {
      const value = Reflect.get(target, property)
      if (property !== 'get') return typeof value === 'function' ? value.bind(target) : value
      return (id: DurableObjectId) => {
        const stub = target.get(id) as unknown as Record<string, (...args: unknown[]) => unknown>
        return new Proxy(
          {},
          {
            get: (_, method) =>
              methods.includes(String(method))
                ? failing('Durable Object')
                : (...args: unknown[]) => stub[String(method)]!(...args),
          }
        )
      }
    },
  })
}

export function guardDown(): Env['TENANT_GUARD'] {
  return new Proxy(env.TENANT_GUARD, {
    get(target, property) {
      if (property !== 'get') {
        const value = Reflect.get(target, property)
        return typeof value === 'function' ? value.bind(target) : value
      }
      return () => new Proxy({}, { get: () => failing('Durable Object') })
    },
  })
}

/**
 * Real D1, except that statements `fails(sql, values)` picks fail, alone or in a batch; with
 * `once`, only the first of them. `failed()` says whether any did.
 */
export function d1Failing(
  fails: (sql: string, values: readonly unknown[]) => boolean,
  options: { once?: boolean } = {}
): { DB: D1Database; failed: () => boolean } {
  const real = new WeakMap<D1PreparedStatement, D1PreparedStatement>()
  const picked = new WeakSet<D1PreparedStatement>()
  let failures = 0
  const armed = () => !(options.once && failures > 0)
  const outage = () => {
    failures++
    return Promise.reject(new Error('D1_ERROR: simulated outage'))
  }
  const track = (statement: D1PreparedStatement, sql: string, values: unknown[]) => {
    const tracked: D1PreparedStatement = new Proxy(statement, {
      get(target, property) {
        if (property === 'bind')
          return (...bound: unknown[]) => track(target.bind(...bound), sql, bound)
        if (
          ['run', 'all', 'raw', 'first'].includes(String(property)) &&
          picked.has(tracked) &&
          armed()
        )
          return outage
        const member = Reflect.get(target, property)
        return typeof member === 'function' ? member.bind(target) : member
      },
    })
    real.set(tracked, statement)
    if (fails(sql, values)) picked.add(tracked)
    return tracked
  }
  const DB = new Proxy(env.DB, {
    get(target, property) {
      if (property === 'prepare') return (sql: string) => track(target.prepare(sql), sql, [])
      if (property === 'batch')
        return (statements: D1PreparedStatement[]) =>
          statements.some((s) => picked.has(s)) && armed()
            ? outage()
            : target.batch(statements.map((s) => real.get(s) ?? s))
      const member = Reflect.get(target, property)
      return typeof member === 'function' ? member.bind(target) : member
    },
  })
  return { DB, failed: () => failures > 0 }
}

/** D1 failing the batch that stores a new payment, once: D1 gone just after the provider call. */
export const d1FailingPaymentInsert = () =>
  d1Failing((sql) => /^insert into "payments"/i.test(sql), { once: true })

/** D1 failing every statement that binds `value`: one message's rows unreachable. */
export const d1FailingFor = (value: string) => d1Failing((_, values) => values.includes(value)).DB
