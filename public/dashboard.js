// The operator dashboard at /dashboard: sign in, pick a mode (test or live), and read the tenant's
// payments, webhooks, reports, providers and API keys through the public API. One section is shown
// at a time (the URL's hash); each time a section, the mode or the range changes, every section is
// emptied and the shown one is fetched again for the selected mode, so test and live data never
// share the screen, not even for the moment an old answer takes to arrive (see `view.current`).
import { ApiError, environmentOf, SignedOut, session, signIn } from './dashboard/api.js'
import { createKey, forgetSecret, loadKeys, resetKeys } from './dashboard/keys.js'
import { loadOverview, resetOverview } from './dashboard/overview.js'
import { loadPayments, resetPayments } from './dashboard/payments.js'
import { loadProviders, resetProviders } from './dashboard/providers.js'
import { downloadReport, loadReports, resetReports } from './dashboard/reports.js'
import { loadWebhooks, resetWebhooks } from './dashboard/webhooks.js'

const $ = (id) => document.getElementById(id)
const MODE_KEY = 'gopayEdge.dashboard.mode'

const SECTIONS = {
  overview: { load: loadOverview, reset: resetOverview },
  payments: { load: loadPayments, reset: resetPayments },
  webhooks: { load: loadWebhooks, reset: resetWebhooks },
  reports: { load: loadReports, reset: resetReports },
  providers: { load: loadProviders, reset: resetProviders },
  keys: { load: loadKeys, reset: resetKeys },
}

let generation = 0
let view = null

/** What the sections load for: the mode, and whether their answer is still wanted. */
function newView() {
  const mine = ++generation
  const mode = $('mode').value
  return {
    mode,
    environment: environmentOf(mode),
    current: () => mine === generation && session.signedIn(),
    fail,
  }
}

const sectionName = () => {
  const name = location.hash.slice(1)
  return Object.hasOwn(SECTIONS, name) ? name : 'overview'
}

function resetAll() {
  for (const section of Object.values(SECTIONS)) section.reset()
}

async function show() {
  hideError()
  resetAll()
  if (!session.signedIn()) return showSignIn()
  $('signin').hidden = true
  $('nav').hidden = false
  $('session').hidden = false
  document.body.dataset.mode = $('mode').value
  const name = sectionName()
  for (const id of Object.keys(SECTIONS)) {
    $(id).hidden = id !== name
    document.querySelector(`#nav a[data-section="${id}"]`).classList.toggle('active', id === name)
  }
  view = newView()
  await run(() => SECTIONS[name].load(view))
}

/** Runs a load or an action with the page marked busy; failures are shown, never thrown. */
async function run(action) {
  document.body.classList.add('busy')
  try {
    await action()
  } catch (error) {
    fail(error)
  } finally {
    document.body.classList.remove('busy')
  }
}

function showSignIn(message) {
  generation++
  resetAll()
  for (const id of Object.keys(SECTIONS)) $(id).hidden = true
  $('nav').hidden = true
  $('session').hidden = true
  $('signin').hidden = false
  if (message) showError(message)
  $('signin-username').focus()
}

function fail(error) {
  if (error instanceof SignedOut) {
    session.clear()
    return showSignIn(error.message)
  }
  if (error instanceof ApiError) {
    return showError(error.requestId ? `${error.message} (${error.requestId})` : error.message)
  }
  console.error(error)
  showError('Something went wrong in the page; reload it to try again.')
}

function showError(message) {
  $('error').textContent = message
  $('error').hidden = false
}

function hideError() {
  $('error').hidden = true
  $('error').textContent = ''
}

$('signin-form').addEventListener('submit', (event) => {
  event.preventDefault()
  hideError()
  $('signin-submit').disabled = true
  run(async () => {
    await signIn($('signin-username').value.trim(), $('signin-password').value)
    $('signin-password').value = ''
    await show()
  }).finally(() => {
    $('signin-submit').disabled = false
  })
})

$('signout').addEventListener('click', () => {
  session.clear()
  showSignIn()
})

$('mode').value = sessionStorage.getItem(MODE_KEY) === 'live' ? 'live' : 'test'
$('mode').addEventListener('change', () => {
  sessionStorage.setItem(MODE_KEY, $('mode').value)
  show()
})
$('range').addEventListener('change', show)
window.addEventListener('hashchange', show)

$('payments-more').addEventListener('click', () => run(() => loadPayments(view, { more: true })))
$('deliveries-more').addEventListener('click', () => run(() => loadWebhooks(view, { more: true })))
$('reports-form').addEventListener('submit', (event) => {
  event.preventDefault()
  hideError()
  run(() => loadReports(view))
})
$('reports-csv').addEventListener('click', () => {
  hideError()
  run(() => downloadReport(view))
})
$('create-key-form').addEventListener('submit', (event) => {
  event.preventDefault()
  forgetSecret()
  run(() => createKey(view))
})
$('copy-key').addEventListener('click', () => {
  navigator.clipboard
    .writeText($('new-key-secret').textContent)
    .then(() => {
      $('copy-key').textContent = 'Copied'
    })
    .catch(() => {
      $('copy-key').textContent = 'Select and copy it by hand'
    })
})

show()
