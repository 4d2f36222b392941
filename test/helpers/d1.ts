/** The real D1 database with one statement held back, for races. */
import { env } from 'cloudflare:workers'

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
  const real = new WeakMap<object, D1PreparedStatement>()
  const hold = (statement: D1PreparedStatement, sql: string): D1PreparedStatement => {
    const proxy = new Proxy(statement, {
      get(target, property) {
        const value = Reflect.get(target, property)
        if (typeof value !== 'function') return value
        if (property === 'bind') {
          return (...values: unknown[]) => hold(target.bind(...values), sql)
        }
        if (
          held ||
          !pattern.test(sql) ||
          !['run', 'all', 'raw', 'first'].includes(String(property))
        )
          return value.bind(target)
        return async (...args: unknown[]) => {
          held = true
          reach()
          await released
          return value.apply(target, args)
        }
      },
    })
    real.set(proxy, statement)
    return proxy
  }
  const DB = new Proxy(env.DB, {
    get(target, property) {
      if (property === 'prepare') return (sql: string) => hold(target.prepare(sql), sql)
      if (property === 'batch') {
        return (statements: D1PreparedStatement[]) =>
          target.batch(statements.map((s) => real.get(s) ?? s))
      }
      const value = Reflect.get(target, property)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
  return { DB, reached, release }
}
