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

async function send(method, path, body, token) {
  const headers = {}
  if (token) headers.Authorization = `Bearer ${token}`
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  let res
  try {
    res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    })
  } catch {
    throw new ApiError(0, { code: 'network', message: 'The gateway did not answer.' })
  }
  const json = await res.json().catch(() => null)
  return { status: res.status, json }
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

/** `GET`/`POST`/`DELETE` a path of the API; answers the JSON body, throws `ApiError`/`SignedOut`. */
export async function api(method, path, { query, body } = {}) {
  const url = query ? `${path}?${new URLSearchParams(dropEmpty(query))}` : path
  const used = session.token()
  if (!used) throw new SignedOut('Sign in to see the dashboard.')
  let answer = await send(method, url, body, used)
  if (answer.status === 401 && answer.json?.error?.code === 'token_expired') {
    // Another request may already have refreshed the pair: then just use the new token.
    const fresh = session.token() !== used || (await refreshOnce())
    if (!fresh || !session.token()) throw new SignedOut('Your session has ended; sign in again.')
    answer = await send(method, url, body, session.token())
  }
  if (answer.status === 401) {
    session.clear()
    throw new SignedOut(answer.json?.error?.message ?? 'Sign in again.')
  }
  if (answer.status >= 400 || answer.json?.success === false) {
    throw new ApiError(answer.status, answer.json?.error)
  }
  return answer.json
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
