/** @module The list of breached passwords the password policy refuses (seeded by its migration). */
import { inArray } from 'drizzle-orm'
import type { BreachedPasswordLookup } from '../../auth/password-policy'
import type { Db } from '../client'
import { breachedPasswords } from '../schema'

export const breachedPasswordLookup =
  (db: Db): BreachedPasswordLookup =>
  async (candidates) =>
    candidates.length > 0 &&
    (await db
      .select({ password: breachedPasswords.password })
      .from(breachedPasswords)
      .where(inArray(breachedPasswords.password, [...candidates]))
      .limit(1)
      .get()) !== undefined
