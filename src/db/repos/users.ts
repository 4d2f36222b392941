/** @module Users and the tenants they belong to. Usernames are stored lower-cased. */
import { count, eq } from 'drizzle-orm'
import type { Db } from '../client'
import { refreshTokens, tenants, users } from '../schema'

export type UserRow = typeof users.$inferSelect

export const normalizeUsername = (username: string) => username.trim().toLowerCase()

export async function countUsers(db: Db): Promise<number> {
  const row = await db.select({ n: count() }).from(users).get()
  return row?.n ?? 0
}

export const findUserByUsername = (db: Db, username: string) =>
  db
    .select()
    .from(users)
    .where(eq(users.username, normalizeUsername(username)))
    .get()

export const findUserById = (db: Db, id: string) =>
  db.select().from(users).where(eq(users.id, id)).get()

export interface NewTenantWithUser {
  tenantId: string
  tenantName: string
  userId: string
  username: string
  passwordHash: string
  role: UserRow['role']
  now: number
}

/**
 * Creates a tenant and its first user in one transaction. Throws on a taken username or, for an
 * admin, when an admin already exists (unique indexes); nothing is half-written then.
 */
export async function createTenantWithUser(db: Db, input: NewTenantWithUser): Promise<void> {
  await db.batch([
    db.insert(tenants).values({ id: input.tenantId, name: input.tenantName, createdAt: input.now }),
    db.insert(users).values({
      id: input.userId,
      tenantId: input.tenantId,
      username: normalizeUsername(input.username),
      passwordHash: input.passwordHash,
      role: input.role,
      createdAt: input.now,
      updatedAt: input.now,
    }),
  ])
}

export const updatePasswordHash = (db: Db, userId: string, passwordHash: string, now: number) =>
  db.update(users).set({ passwordHash, updatedAt: now }).where(eq(users.id, userId)).run()

export const findTenantById = (db: Db, id: string) =>
  db.select().from(tenants).where(eq(tenants.id, id)).get()

/** Removes a user and its sessions in one batch (refresh tokens refer to the user). */
export async function deleteUser(db: Db, userId: string): Promise<void> {
  await db.batch([
    db.delete(refreshTokens).where(eq(refreshTokens.userId, userId)),
    db.delete(users).where(eq(users.id, userId)),
  ])
}
