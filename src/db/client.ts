/** @module The drizzle client over D1. Repos receive this, never the whole `env`. */
import { drizzle } from 'drizzle-orm/d1'

export type Db = ReturnType<typeof drizzle>

/** `make(owner)`, made once per owner and kept as long as the owner lives (the isolate's life). */
function oncePer<Owner extends object, Made>(make: (owner: Owner) => Made): (owner: Owner) => Made {
  const made = new WeakMap<Owner, Made>()
  return (owner) => {
    let value = made.get(owner)
    if (value === undefined) {
      value = make(owner)
      made.set(owner, value)
    }
    return value
  }
}

/**
 * One client per D1 binding: building one costs more than most queries, and the repos use the
 * query builder only (no relational queries, so no schema to walk).
 */
export const createDb: (d1: D1Database) => Db = oncePer((d1) => drizzle(d1))

/**
 * A query whose SQL is built once per client and then only bound: for a small read, drizzle's
 * building of the statement (walking every column of the table) costs more than D1 answering it.
 * Values go in through `sql.placeholder(name)`.
 */
export const preparedOnce = <Query>(build: (db: Db) => Query) => oncePer(build)
