/**
 * @module The shopper-facing page every simulator uses for 3-D Secure challenges and hosted
 * payment pages: what is being paid, and two buttons that post `action=pass` or `action=fail` back
 * to the same URL. Every simulator's page works the same way, so tests and people walk them alike.
 */

export const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c
  )

export interface ShopperPage {
  /** Whose page it plays: "Stripe 3-D Secure", "GoPay payment gateway". */
  title: string
  lines: [label: string, value: string][]
  passLabel?: string
  failLabel?: string
}

export function shopperPage(page: ShopperPage): Response {
  const rows = page.lines
    .map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`)
    .join('')
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)} · simulator</title>
<style>body{font:16px/1.5 system-ui,sans-serif;background:#f4f5f7;margin:0}main{max-width:420px;margin:10vh auto;background:#fff;border-radius:12px;padding:32px;box-shadow:0 2px 12px #0001}h1{font-size:20px;margin:0 0 8px}dl{display:grid;grid-template-columns:auto 1fr;gap:4px 16px}dt{color:#667}form{display:flex;gap:12px}button{flex:1;font:inherit;padding:12px;border-radius:8px;border:1px solid #ccd;cursor:pointer}button[value=pass]{background:#1f6feb;color:#fff}.note{color:#667;font-size:14px}</style>
</head><body><main><h1>${escapeHtml(page.title)}</h1>
<p class="note">Simulated provider page: no real payment is made.</p>
<dl>${rows}</dl>
<form method="post"><button name="action" value="pass" type="submit">${escapeHtml(page.passLabel ?? 'Pay')}</button>
<button name="action" value="fail" type="submit">${escapeHtml(page.failLabel ?? 'Fail')}</button></form>
</main></body></html>`
  return new Response(html, {
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' },
  })
}

/** The button the shopper pressed on a `shopperPage`, or undefined for anything else. */
export async function shopperAction(request: Request): Promise<'pass' | 'fail' | undefined> {
  const form = new URLSearchParams(await request.text())
  const action = form.get('action')
  return action === 'pass' || action === 'fail' ? action : undefined
}

/** Sends the browser back to the merchant (the gateway's return URL). */
export const redirectTo = (location: string) =>
  new Response(null, { status: 303, headers: { Location: location } })

/**
 * A page that posts `fields` to `action` as soon as it loads, as banks and providers move a
 * browser between sites (a 3-D Secure result to the merchant, a form to the bank's page).
 */
export function autoPostPage(title: string, action: string, fields: Record<string, string>) {
  const inputs = Object.entries(fields)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('\n')
  return new Response(
    `<!doctype html>
<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body onload="document.forms[0].submit()">
<form method="post" action="${escapeHtml(action)}">
${inputs}
<noscript><button type="submit">Devam</button></noscript>
</form></body></html>`,
    { headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } }
  )
}
