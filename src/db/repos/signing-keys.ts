/** @module Rows of the access-token signing key set (not tenant-owned: one set for the gateway). */
import { and, eq, sql } from 'drizzle-orm'
import type { Db } from '../client'
import { signingKeys } from '../schema'

export type SigningKeyRow = typeof signingKeys.$inferSelect
export type NewSigningKey = Omit<SigningKeyRow, 'state' | 'activatedAt'>

export const listSigningKeys = (db: Db) => db.select().from(signingKeys).all()

export const findCurrentSigningKey = (db: Db) =>
  db.select().from(signingKeys).where(eq(signingKeys.state, 'current')).get()

/** Creates the first `current` and `next` keys; fails (unique state) if another caller won. */
export async function insertInitialSigningKeys(
  db: Db,
  current: NewSigningKey,
  next: NewSigningKey,
  now: number
) {
  await db.batch([
    db.insert(signingKeys).values({ ...current, state: 'current', activatedAt: now }),
    db.insert(signingKeys).values({ ...next, state: 'next', activatedAt: null }),
  ])
}

/**
 * previous → gone, current → previous, next → current, `fresh` → next, as one transaction. Each
 * step is guarded by the states read before, and the insert of a second `next` violates the
 * one-key-per-state index, so a concurrent rotation rolls back instead of rotating twice.
 */
export async function rotateSigningKeyStates(
  db: Db,
  expected: { currentKid: string; nextKid: string },
  fresh: NewSigningKey,
  now: number
) {
  const stateOf = (kid: string) => sql`(SELECT state FROM signing_keys WHERE kid = ${kid})`
  await db.batch([
    db
      .delete(signingKeys)
      .where(
        and(eq(signingKeys.state, 'previous'), sql`${stateOf(expected.currentKid)} = 'current'`)
      ),
    db
      .update(signingKeys)
      .set({ state: 'previous' })
      .where(and(eq(signingKeys.kid, expected.currentKid), eq(signingKeys.state, 'current'))),
    db
      .update(signingKeys)
      .set({ state: 'current', activatedAt: now })
      .where(
        and(
          eq(signingKeys.kid, expected.nextKid),
          eq(signingKeys.state, 'next'),
          sql`${stateOf(expected.currentKid)} = 'previous'`
        )
      ),
    db.insert(signingKeys).values({ ...fresh, state: 'next', activatedAt: null }),
  ])
}
