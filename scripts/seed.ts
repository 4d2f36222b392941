/**
 * `npm run seed`: against a running gateway (`npm run dev`), registers the first user (or signs in
 * when one exists), allows `http://localhost:3000` as a callback origin, creates a test API key,
 * and prints the shell variables the README's examples use:
 *
 *   eval "$(npm run --silent seed)"
 *
 * `GW` (default http://127.0.0.1:8787), `SIM` (the simulators, default http://127.0.0.1:8790), `SEED_USERNAME` and `SEED_PASSWORD` (default the README's
 * `admin` / `securepassword123`) change what it uses.
 */
import { simulatorEndpoints } from '../test/simulators/index.ts'

const GW = (process.env.GW ?? 'http://127.0.0.1:8787').replace(/\/+$/, '')
const SIM = (process.env.SIM ?? 'http://127.0.0.1:8790').replace(/\/+$/, '')
const username = process.env.SEED_USERNAME ?? 'admin'
const password = process.env.SEED_PASSWORD ?? 'securepassword123'

async function call(method: string, path: string, body?: unknown, token?: string) {
  const res = await fetch(`${GW}${path}`, {
    method,
    headers: {
      'Content-Type': 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  }).catch(() => {
    console.error(`No gateway at ${GW}: start it with npm run dev (or set GW).`)
    process.exit(1)
  })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

function fail(step: string, answer: { status: number; body: unknown }): never {
  console.error(`${step} failed (${answer.status}): ${JSON.stringify(answer.body)}`)
  process.exit(1)
}

const registered = await call('POST', '/v1/auth/register', { username, password })
if (registered.status !== 201 && registered.status !== 403) fail('register', registered)
const login = await call('POST', '/v1/auth/login', { username, password })
if (login.status !== 200) fail(`sign-in as ${username}`, login)
const token = String(login.body.token)
const origins = await call(
  'PUT',
  '/v1/config/callback-origins',
  // The README's shop, and this gateway's own /demo page.
  { origins: ['http://localhost:3000', new URL(GW).origin] },
  token
)
if (origins.status !== 200) fail('callback origins', origins)
const key = await call('POST', '/v1/auth/api-keys', { name: 'seed', mode: 'test' }, token)
if (key.status !== 201) fail('API key', key)

/** Test credentials of a new merchant account at each simulator, when they are running. */
async function configureSimulatedProviders() {
  const configured: string[] = []
  for (const id of Object.keys(simulatorEndpoints(SIM))) {
    const account = await fetch(`${SIM}/${id}/__sim/merchants`, { method: 'POST' }).catch(
      () => null
    )
    if (!account) return configured
    if (!account.ok) continue
    const saved = await call('POST', '/v1/config/tenant', await account.json(), token)
    if (saved.status !== 200) fail(`${id} credentials`, saved)
    configured.push(id)
  }
  return configured
}

const simulated = await configureSimulatedProviders()

const exports = {
  GW,
  TOKEN: token,
  REFRESH: String(login.body.refreshToken),
  TENANT: String(login.body.tenantId),
  API_KEY: String(key.body.key),
}
console.error(
  registered.status === 201
    ? `Registered ${username}, the administrator.`
    : `Signed in as ${username}.`
)
console.error(
  simulated.length
    ? `Configured test credentials at the simulators for ${simulated.join(', ')}.`
    : `No simulators at ${SIM} (npm run dev:providers starts them); only the sandbox is set up.`
)
for (const [name, value] of Object.entries(exports)) console.log(`export ${name}='${value}'`)
