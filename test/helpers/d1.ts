/** The real D1 database seen through a proxy, for counting its statements and staging races. */
import { env } from 'cloudflare:workers'

const EXECUTING = ['run', 'all', 'raw', 'first']

/**
 * The real D1 database; `beforeStatement` runs (and is awaited) before every statement executed
 * on its own, `onBatch` before every batch. Nothing is faked: each call reaches the real binding.
 */
export function interceptingD1(hooks: {
  beforeStatement: (sql: string) => void | Promise<void>
  onBatch?: () => void
}): D1Database {
  const real = new WeakMap<object, D1PreparedStatement>()
  const wrap = (statement: D1PreparedStatement, sql: string): D1PreparedStatement => {
    const proxy = new Proxy(statement, {
      get(target, property) {
        const value = Reflect.get(target, property)
        if (typeof value !== 'function') return value
        if (property === 'bind') {
          return (...values: unknown[]) => wrap(target.bind(...values), sql)
        }
        if (!EXECUTING.includes(String(property))) return value.bind(target)
        return async (...args: unknown[]) => {
          await hooks.beforeStatement(sql)
          return value.apply(target, args)
        }
      },
    })
    real.set(proxy, statement)
    return proxy
  }
  return new Proxy(env.DB, {
    get(target, property) {
      if (property === 'prepare') return (sql: string) => wrap(target.prepare(sql), sql)
      if (property === 'batch') {
        return (statements: D1PreparedStatement[]) => {
          hooks.onBatch?.()
          return target.batch(statements.map((s) => real.get(s) ?? s))
        }
      }
      const value = Reflect.get(target, property)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}

export interface HeldStatement {
  DB: D1Database
  /** Resolves once the first statement matching the pattern is about to run. */
  reached: Promise<void>
  /** Lets that statement run. */
  release: () => void
}

/**
 * The first statement run on its own whose SQL matches `pattern` waits for `release()` before it
 * runs; every other statement, and every batch, goes straight to D1.
 */
export function holdingStatement(pattern: RegExp): HeldStatement {
  let held = false
  let reach = () => {}
  let release = () => {}
  const reached = new Promise<void>((resolve) => {
    reach = resolve
  })
  const released = new Promise<void>((resolve) => {
    release = resolve
  })
  const DB = interceptingD1({
    async beforeStatement(sql) {
      if (held || !pattern.test(sql)) return
      held = true
      reach()
      await released
    },
  })
  return { DB, reached, release }
}
