/**
 * @module Inserting a row only while fewer than `cap` rows match a condition, in one statement:
 * `INSERT … SELECT <row> WHERE (SELECT COUNT(*) …) < cap`. Creates racing each other cannot end
 * above the cap, and a refused insert writes nothing.
 */
import { count, getTableColumns, type SQL, sql } from 'drizzle-orm'
import type { SQLiteTable } from 'drizzle-orm/sqlite-core'
import type { Db } from './client'

/** True when the row was inserted, false when the cap was reached. */
export async function insertWithinCap<T extends SQLiteTable>(
  db: Db,
  table: T,
  row: T['$inferInsert'],
  counted: SQL | undefined,
  cap: number
): Promise<boolean> {
  const values = sql.join(
    Object.entries(getTableColumns(table)).map(([field, column]) =>
      sql.param((row as Record<string, unknown>)[field] ?? null, column)
    ),
    sql`, `
  )
  const matching = db
    .select({ n: count() })
    .from(table as SQLiteTable)
    .where(counted)
  const result = await db
    .insert(table)
    .select(sql`select ${values} where (${matching}) < ${cap}`)
    .run()
  return result.meta.changes === 1
}
