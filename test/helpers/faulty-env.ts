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

/** D1 whose next batch that inserts a payment fails, as if D1 went away after the provider call. */
export function d1FailingPaymentInsert(): { DB: D1Database; failed: () => boolean } {
  const sqlOf = new WeakMap<D1PreparedStatement, string>()
  const realOf = new WeakMap<D1PreparedStatement, D1PreparedStatement>()
  let armed = true
  let failed = false
  const DB = new Proxy(env.DB, {
    get(target, property) {
      if (property === 'prepare') {
        return (sql: string) => {
          const statement = target.prepare(sql)
          const bind = statement.bind.bind(statement)
          const tracked = new Proxy(statement, {
            get(s, p) {
              if (p === 'bind')
                return (...values: unknown[]) => {
                  const bound = bind(...values)
                  sqlOf.set(bound, sql)
                  return bound
                }
              const value = Reflect.get(s, p)
              return typeof value === 'function' ? value.bind(s) : value
            },
          })
          sqlOf.set(tracked, sql)
          realOf.set(tracked, statement)
          return tracked
        }
      }
      if (property === 'batch') {
        return (statements: D1PreparedStatement[]) => {
          if (
            armed &&
            statements.some((s) => /^insert into "payments"/i.test(sqlOf.get(s) ?? ''))
          ) {
            armed = false
            failed = true
            return Promise.reject(new Error('D1_ERROR: simulated outage'))
          }
          return target.batch(statements.map((s) => realOf.get(s) ?? s))
        }
      }
      const value = Reflect.get(target, property)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
  return { DB, failed: () => failed }
}

/** D1 failing every statement (alone or in a batch) that binds `value`: one message's rows down. */
export function d1FailingFor(value: string): D1Database {
  const poisoned = new WeakSet<D1PreparedStatement>()
  const outage = () => Promise.reject(new Error('D1_ERROR: simulated outage'))
  const wrap = (statement: D1PreparedStatement): D1PreparedStatement =>
    new Proxy(statement, {
      get(target, property) {
        if (property === 'bind')
          return (...values: unknown[]) => {
            const bound = target.bind(...values)
            if (!values.includes(value)) return bound
            const failing = poisonedProxy(bound)
            poisoned.add(failing)
            return failing
          }
        const member = Reflect.get(target, property)
        return typeof member === 'function' ? member.bind(target) : member
      },
    })
  const poisonedProxy = (statement: D1PreparedStatement): D1PreparedStatement =>
    new Proxy(statement, {
      get: (target, property) =>
        ['run', 'all', 'raw', 'first'].includes(String(property))
          ? outage
          : Reflect.get(target, property),
    })
  return new Proxy(env.DB, {
    get(target, property) {
      if (property === 'prepare') return (sql: string) => wrap(target.prepare(sql))
      if (property === 'batch')
        return (statements: D1PreparedStatement[]) =>
          statements.some((s) => poisoned.has(s)) ? outage() : target.batch(statements)
      const member = Reflect.get(target, property)
      return typeof member === 'function' ? member.bind(target) : member
    },
  })
}
