/** @module The drizzle client over D1. Repos receive this, never the whole `env`. */
import { drizzle } from 'drizzle-orm/d1'

/**
 * One client per D1 binding for the isolate's life: building one costs more than most queries, and
 * the repos use the query builder only (no relational queries, so no schema to walk).
 */
const clients = new WeakMap<D1Database, ReturnType<typeof drizzle>>()

export type Db = ReturnType<typeof drizzle>

export function createDb(d1: D1Database): Db {
  let db = clients.get(d1)
  if (!db) {
    db = drizzle(d1)
    clients.set(d1, db)
  }
  return db
}

/**
 * A query whose SQL is built once per client and then only bound: for a small read, drizzle's
 * building of the statement (walking every column of the table) costs more than D1 answering it.
 * Values go in through `sql.placeholder(name)`.
 */
export function preparedOnce<Query>(build: (db: Db) => Query): (db: Db) => Query {
  const prepared = new WeakMap<Db, Query>()
  return (db) => {
    let query = prepared.get(db)
    if (!query) {
      query = build(db)
      prepared.set(db, query)
    }
    return query
  }
}
