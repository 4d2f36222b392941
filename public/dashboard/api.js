// The dashboard's one way to the gateway: the public JSON API with the signed-in user's access
// token. The token pair lives in sessionStorage (gone with the tab). An expired access token is
// refreshed once and the request retried; refresh tokens are single use and presenting a spent
// one revokes the whole family, so concurrent requests share one refresh.

const TOKEN_KEY = 'gopayEdge.dashboard.token'
const REFRESH_KEY = 'gopayEdge.dashboard.refreshToken'

/** An error answer of the API (`{ success: false, error: { code, message, requestId } }`). */
export class ApiError extends Error {
  constructor(status, error) {
    super(error?.message ?? `The gateway answered ${status}.`)
    this.name = 'ApiError'
    this.status = status
    this.code = error?.code ?? 'unknown'
    this.requestId = error?.requestId ?? null
  }
}

/** The session is over (signed out, or the refresh token was refused): sign in again. */
export class SignedOut extends Error {
  constructor(message) {
    super(message)
    this.name = 'SignedOut'
  }
}

export const session = {
  token: () => sessionStorage.getItem(TOKEN_KEY),
  signedIn: () => sessionStorage.getItem(TOKEN_KEY) !== null,
  store(answer) {
    sessionStorage.setItem(TOKEN_KEY, answer.token)
    sessionStorage.setItem(REFRESH_KEY, answer.refreshToken)
  },
  clear() {
    sessionStorage.removeItem(TOKEN_KEY)
    sessionStorage.removeItem(REFRESH_KEY)
  },
}

/** Payments, logs and analytics name environments; keys and webhook endpoints name modes. */
export const environmentOf = (mode) => (mode === 'live' ? 'production' : 'test')

/** One fetch with the token, if any; a network failure becomes an `ApiError` with status 0. */
async function request(method, path, body, token) {
  const headers = {}
  if (token) headers.Authorization = `Bearer ${token}`
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  try {
    return await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    })
  } catch {
    throw new ApiError(0, { code: 'network', message: 'The gateway did not answer.' })
  }
}

async function send(method, path, body, token) {
  const res = await request(method, path, body, token)
  const json = await res.json().catch(() => null)
  return { status: res.status, json }
}

/** The `error` of an error answer, read from a copy so the response itself stays unread. */
async function errorOf(res) {
  const json = await res
    .clone()
    .json()
    .catch(() => null)
  return json?.error
}

let refreshing = null

/** One refresh at a time; every caller that saw the same expired token waits for it. */
function refreshOnce() {
  refreshing ??= (async () => {
    const refreshToken = sessionStorage.getItem(REFRESH_KEY)
    if (!refreshToken) return false
    const { status, json } = await send('POST', '/v1/auth/refresh', { refreshToken })
    if (status !== 200 || !json?.token) {
      session.clear()
      return false
    }
    session.store(json)
    return true
  })().finally(() => {
    refreshing = null
  })
  return refreshing
}

/**
 * Sends with the access token, refreshing it once when it has expired; answers the `Response`.
 * Throws `SignedOut` when there is no session or the gateway refuses it.
 */
async function authorized(method, path, { query, body } = {}) {
  const url = query ? `${path}?${new URLSearchParams(dropEmpty(query))}` : path
  const used = session.token()
  if (!used) throw new SignedOut('Sign in to see the dashboard.')
  let res = await request(method, url, body, used)
  if (res.status === 401 && (await errorOf(res))?.code === 'token_expired') {
    // Another request may already have refreshed the pair: then just use the new token.
    const fresh = session.token() !== used || (await refreshOnce())
    if (!fresh || !session.token()) throw new SignedOut('Your session has ended; sign in again.')
    res = await request(method, url, body, session.token())
  }
  if (res.status === 401) {
    const message = (await errorOf(res))?.message
    session.clear()
    throw new SignedOut(message ?? 'Sign in again.')
  }
  return res
}

/** `GET`/`POST`/`DELETE` a path of the API; answers the JSON body, throws `ApiError`/`SignedOut`. */
export async function api(method, path, options) {
  const res = await authorized(method, path, options)
  const json = await res.json().catch(() => null)
  if (res.status >= 400 || json?.success === false) throw new ApiError(res.status, json?.error)
  return json
}

/** Like `api`, but answers the successful `Response` itself, unread (a file to download). */
export async function apiResponse(method, path, options) {
  const res = await authorized(method, path, options)
  if (!res.ok) throw new ApiError(res.status, await errorOf(res))
  return res
}

/** Sign in; stores the token pair. */
export async function signIn(username, password) {
  const { status, json } = await send('POST', '/v1/auth/login', { username, password })
  if (status !== 200 || !json?.token) throw new ApiError(status, json?.error)
  session.store(json)
}

const dropEmpty = (query) =>
  Object.fromEntries(
    Object.entries(query).filter(([, value]) => value !== undefined && value !== null)
  )
