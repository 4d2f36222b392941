/**
 * @module Sign-up, sign-in and sessions: the GoPay API (`/v1/auth/register`, `login`, `refresh`,
 * `create-tenant`) done safely: one bootstrap admin, NIST password rules, throttled sign-in,
 * rotating tokens.
 *
 * Sign-in throttling (OWASP Authentication Cheat Sheet) never locks an account outright, so
 * nobody can keep its owner out by failing on purpose:
 * - The source: every auth route is limited per client address (`admitAuthAttempt`), and an
 *   address with too many failed sign-ins in 15 minutes is refused for any username
 *   (`admitSignInSource`).
 * - The account: after a few failures in a row, each further attempt waits a delay since the last
 *   failure that doubles with every failure, up to 15 minutes (`account_locked`). The delay binds
 *   only addresses that have themselves failed for the account; from any other address the
 *   password is checked as usual, so the owner signs in while someone else guesses. A wrong
 *   password from such an address counts, and bars that address in turn, so a guesser gets one
 *   check per address per delay, and each address is throttled as a source besides.
 * Refused attempts cost no password hashing, and an unknown username fails exactly like a known
 * one (same delays, same 401), so the answers reveal no accounts.
 */

import { EXAMPLE_IDS } from '#document-only'
import { tokenIssuerFor } from '../../auth/access-tokens'
import {
  checkPassword,
  PASSWORD_MAX_LENGTH,
  PASSWORD_PROBLEM_MESSAGES,
} from '../../auth/password-policy'
import {
  DUMMY_PASSWORD_HASH,
  hashPassword,
  needsRehash,
  verifyPassword,
} from '../../auth/passwords'
import { refreshSession, type Session, startSession } from '../../auth/sessions'
import type { SigningKeyDeps } from '../../auth/signing-keys'
import { toHex } from '../../crypto/encoding'
import { hmac } from '../../crypto/hash'
import { isUniqueViolation } from '../../db/errors'
import { breachedPasswordLookup } from '../../db/repos/breached-passwords'
import {
  countUsers,
  createTenantWithUser,
  findUserByUsername,
  normalizeUsername,
  updatePasswordHash,
} from '../../db/repos/users'
import { newId } from '../../domain/ids'
import { ApiError } from '../../errors'
import { type Services, servicesOf } from '../../services'
import { route } from '../access'
import { commonErrors, createRouter, errorResponse, jsonBody, jsonResponse } from '../openapi'
import * as z from '../openapi-zod'
import { admitAuthAttempt, admitSignInSource, clientIp } from '../rate-limits'

const Credentials = z
  .object({
    username: z
      .string()
      .min(3)
      .max(64)
      .regex(/^[A-Za-z0-9._@-]+$/, 'letters, digits and . _ @ - only')
      .openapi({ example: 'admin' }),
    // The policy counts characters (code points); a string's length counts UTF-16 units, up to two
    // per character, so this bound only stops absurd bodies before the policy speaks.
    password: z
      .string()
      .min(1)
      .max(PASSWORD_MAX_LENGTH * 2)
      .openapi({ example: 'securepassword123' }),
  })
  .openapi('Credentials')

const SessionResponse = z
  .object({
    success: z.literal(true),
    token: z.string().openapi({ description: 'Access token (JWT, ES256), valid for 15 minutes.' }),
    refreshToken: z.string().openapi({ description: 'Single-use; exchange at /v1/auth/refresh.' }),
    expiresAt: z.string().openapi({ description: 'When `token` expires (ISO 8601).' }),
    tenantId: z.string(),
  })
  .openapi('Session')

/**
 * Sessions of the story's administrator, signed in at 09:55 and refreshed at 10:05: each access
 * token an ES256 JWT (claims `tid role iss aud sub iat exp`) valid for 15 minutes.
 */
const SESSION_EXAMPLES = {
  signedIn: {
    success: true as const,
    token:
      'eyJhbGciOiJFUzI1NiIsInR5cCI6ImF0K2p3dCIsImtpZCI6InNrXzAxTThOVFhETTBNS0dBSDY3NjJGM05CUzFaIn0.eyJ0aWQiOiJ0ZW5fMDFNOE5UWERNMFFBWk5BR1dLTjRDWjg2UzIiLCJyb2xlIjoiYWRtaW4iLCJpc3MiOiJodHRwczovL3BheS5leGFtcGxlLmNvbSIsImF1ZCI6Imh0dHBzOi8vcGF5LmV4YW1wbGUuY29tL3YxIiwic3ViIjoidXNyXzAxTThOVFhETTBLSk1TSjVFQUFGNVFYUENaIiwiaWF0IjoxNzk2NjM3MzAwLCJleHAiOjE3OTY2MzgyMDB9.zgSiD3w8tTl3cB7QXWae5Z0DTVV6Bc0hmHxXx5Fxc15SMmuDLeRAKfR8NtXA9gSUSxJfRV7P13OZ7999kiwI3Q',
    refreshToken: 'gprt_bjpzmDdrb410kZmWohCq1BWGx9mhaUiQKUoNKGP9WBd',
    expiresAt: '2026-12-07T10:10:00.000Z',
    tenantId: EXAMPLE_IDS.tenant,
  },
  refreshed: {
    success: true as const,
    token:
      'eyJhbGciOiJFUzI1NiIsInR5cCI6ImF0K2p3dCIsImtpZCI6InNrXzAxTThOVFhETTBNS0dBSDY3NjJGM05CUzFaIn0.eyJ0aWQiOiJ0ZW5fMDFNOE5UWERNMFFBWk5BR1dLTjRDWjg2UzIiLCJyb2xlIjoiYWRtaW4iLCJpc3MiOiJodHRwczovL3BheS5leGFtcGxlLmNvbSIsImF1ZCI6Imh0dHBzOi8vcGF5LmV4YW1wbGUuY29tL3YxIiwic3ViIjoidXNyXzAxTThOVFhETTBLSk1TSjVFQUFGNVFYUENaIiwiaWF0IjoxNzk2NjM3OTAwLCJleHAiOjE3OTY2Mzg4MDB9.6EDExTVMsTZ54TtNIHbFJ5Wd3F7gSLZJWTJuR5alz4quhz0GKgWGl7HyO087u4QwKRykJHNP-R6quyZzBcw2eA',
    refreshToken: 'gprt_00DdLdw4UoMUku3c6gMfeTHwjgGd1LgBZuO00CedT4X',
    expiresAt: '2026-12-07T10:20:00.000Z',
    tenantId: EXAMPLE_IDS.tenant,
  },
}

const adminCredentials = { username: 'admin', password: 'securepassword123' }

const AccountResponse = z
  .object({
    success: z.literal(true),
    tenantId: z.string(),
    username: z.string(),
    role: z.enum(['admin', 'tenant']),
  })
  .openapi('Account')

async function signingDeps(services: Services): Promise<SigningKeyDeps> {
  const keyring = await services.keyring()
  return { db: services.db, kv: services.kv, sealingKey: keyring.signingKeys, now: services.now }
}

const sessionBody = (session: Session) => ({
  success: true as const,
  token: session.token,
  refreshToken: session.refreshToken,
  expiresAt: new Date(session.expiresAt).toISOString(),
  tenantId: session.tenantId,
})

/** A new tenant and its first user; `onTaken` answers a unique-index refusal (name or admin). */
async function createAccount<R extends 'admin' | 'tenant'>(
  services: Services,
  input: { username: string; password: string; role: R; name?: string },
  onTaken: () => never
) {
  await requireStrongPassword(services, input.password, input.username)
  const tenantId = newId('tenant')
  try {
    await createTenantWithUser(services.db, {
      tenantId,
      tenantName: input.name ?? input.username,
      userId: newId('user'),
      username: input.username,
      passwordHash: await hashPassword(input.password),
      role: input.role,
      now: services.now(),
    })
  } catch (error) {
    if (!isUniqueViolation(error)) throw error
    onTaken()
  }
  return {
    success: true as const,
    tenantId,
    username: normalizeUsername(input.username),
    role: input.role,
  }
}

async function loginAccountOf(key: CryptoKey, name: string): Promise<string> {
  return toHex(await hmac('SHA-256', key, name)).slice(0, 32)
}

async function requireStrongPassword(services: Services, password: string, username: string) {
  const problem = await checkPassword(password, username, breachedPasswordLookup(services.db))
  if (problem) {
    throw new ApiError('weak_password', PASSWORD_PROBLEM_MESSAGES[problem], [
      { path: 'password', message: PASSWORD_PROBLEM_MESSAGES[problem] },
    ])
  }
}

const register = route('public', {
  method: 'post',
  path: '/v1/auth/register',
  tags: ['Auth'],
  summary: 'Register the first user, who becomes the administrator and owns the first tenant',
  request: { body: jsonBody(Credentials, { example: adminCredentials }) },
  responses: {
    201: jsonResponse(AccountResponse, 'The administrator was created.', {
      example: { success: true, tenantId: EXAMPLE_IDS.tenant, username: 'admin', role: 'admin' },
    }),
    ...commonErrors,
    403: errorResponse('A user already exists (`registration_closed`).'),
    422: errorResponse('The password breaks the policy (`weak_password`).'),
  },
})

const login = route('public', {
  method: 'post',
  path: '/v1/auth/login',
  tags: ['Auth'],
  summary: 'Sign in: an access token and a refresh token',
  request: { body: jsonBody(Credentials, { example: adminCredentials }) },
  responses: {
    200: jsonResponse(SessionResponse, 'Signed in.', { example: SESSION_EXAMPLES.signedIn }),
    ...commonErrors,
    401: errorResponse('Wrong username or password (`invalid_credentials`).'),
    403: errorResponse('The tenant or the user is suspended (`account_suspended`).'),
    429: errorResponse(
      'Too many attempts or failed sign-ins from this address (`rate_limited`), or too many failures for this account from this address (`account_locked`).'
    ),
  },
})

const refresh = route('public', {
  method: 'post',
  path: '/v1/auth/refresh',
  tags: ['Auth'],
  summary: 'Exchange a refresh token for a new pair (the old one is spent)',
  request: {
    body: jsonBody(
      z.object({ refreshToken: z.string().min(1).max(200) }).openapi('RefreshRequest'),
      { example: { refreshToken: SESSION_EXAMPLES.signedIn.refreshToken } }
    ),
  },
  responses: {
    200: jsonResponse(SessionResponse, 'A new access token and refresh token.', {
      example: SESSION_EXAMPLES.refreshed,
    }),
    ...commonErrors,
    401: errorResponse('Unknown, expired or already used refresh token (`invalid_refresh_token`).'),
    403: errorResponse('The tenant or the user is suspended (`account_suspended`).'),
  },
})

const createTenant = route('admin', {
  method: 'post',
  path: '/v1/auth/create-tenant',
  tags: ['Auth'],
  summary: 'Create a tenant and its first user (administrator only)',
  request: {
    body: jsonBody(
      Credentials.extend({
        name: z
          .string()
          .min(1)
          .max(200)
          .optional()
          .openapi({ description: 'Defaults to the username.' }),
      }).openapi('CreateTenantRequest'),
      {
        example: {
          username: 'bosphorus-books',
          password: 'tulip-harbor-quartz-71',
          name: 'Bosphorus Books',
        },
      }
    ),
  },
  responses: {
    201: jsonResponse(AccountResponse, 'The tenant and its user were created.', {
      example: {
        success: true,
        tenantId: 'ten_01M8VGW5R0V20CF9Q8KTMDHA4V',
        username: 'bosphorus-books',
        role: 'tenant',
      },
    }),
    ...commonErrors,
    409: errorResponse('The username is taken (`username_taken`).'),
    422: errorResponse('The password breaks the policy (`weak_password`).'),
  },
})

/** A suspended tenant or user gets no new session, whatever its credentials. */
async function refuseSuspended(services: Services, user: { id: string; tenantId: string }) {
  if (await services.guard(`tenant:${user.tenantId}`).isSuspended(user.id)) {
    throw new ApiError(
      'account_suspended',
      'This tenant or user is suspended by the gateway administrator.'
    )
  }
}

export const authRoutes = createRouter()
  .openapi(register, async (c) => {
    await admitAuthAttempt(c)
    const { username, password } = c.req.valid('json')
    const services = servicesOf(c.env)
    await services.keyring() // no accounts on a gateway that cannot issue tokens
    if ((await countUsers(services.db)) > 0) {
      throw new ApiError('registration_closed', 'Registration is closed: the administrator exists.')
    }
    const account = await createAccount(services, { username, password, role: 'admin' }, () => {
      throw new ApiError('registration_closed', 'Registration is closed: the administrator exists.')
    })
    return c.json(account, 201)
  })
  .openapi(login, async (c) => {
    await admitAuthAttempt(c)
    const source = await admitSignInSource(c)
    const { username, password } = c.req.valid('json')
    const services = servicesOf(c.env)
    const deps = await signingDeps(services)
    const name = normalizeUsername(username)
    const ip = clientIp(c)
    // The lockout knows the account by a keyed digest: what was typed as a username is often the
    // password, and must not be kept in clear.
    const account = await loginAccountOf((await services.keyring()).loginNames, name)
    const guard = services.guard(`login:${account}`)
    const admission = await guard.admitLogin(account, ip, services.now())
    if (!admission.allowed) {
      throw new ApiError(
        'account_locked',
        'Too many failed sign-ins for this account from this address; try again later.',
        undefined,
        { 'Retry-After': String(admission.retryAfterSeconds) }
      )
    }

    const user = await findUserByUsername(services.db, name)
    const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY_PASSWORD_HASH)
    if (!user || !valid) {
      const [delayedUntil] = await Promise.all([
        guard.recordLoginFailure(account, ip, services.now()),
        source.recordFailure(),
      ])
      // A name no account has is not logged: it is often the password, typed in the wrong field.
      console.warn(
        JSON.stringify({
          event: 'login_failed',
          username: user ? name : null,
          ip,
          delayed: !!delayedUntil,
        })
      )
      throw new ApiError('invalid_credentials', 'The username or password is wrong.')
    }
    await guard.clearLoginFailures(account)
    await refuseSuspended(services, user)
    if (needsRehash(user.passwordHash)) {
      await updatePasswordHash(services.db, user.id, await hashPassword(password), services.now())
    }
    const session = await startSession(deps, tokenIssuerFor(services.config.APP_URL), user)
    return c.json(sessionBody(session), 200)
  })
  .openapi(refresh, async (c) => {
    await admitAuthAttempt(c)
    const services = servicesOf(c.env)
    const deps = await signingDeps(services)
    const session = await refreshSession(
      deps,
      tokenIssuerFor(services.config.APP_URL),
      c.req.valid('json').refreshToken,
      (user) => refuseSuspended(services, user)
    )
    if (!session) {
      throw new ApiError(
        'invalid_refresh_token',
        'The refresh token is unknown, expired or already used.'
      )
    }
    return c.json(sessionBody(session), 200)
  })
  .openapi(createTenant, async (c) => {
    const { username, password, name } = c.req.valid('json')
    const services = servicesOf(c.env)
    const account = await createAccount(
      services,
      { username, password, role: 'tenant', name },
      () => {
        throw new ApiError('username_taken', 'That username is already taken.')
      }
    )
    return c.json(account, 201)
  })
