/**
 * @module The page a shopper sees when a payment link the gateway handed out is not valid: a
 * forged, expired, already used or foreign callback state or shopper-page link. One page for all,
 * so it says nothing about which.
 */
import { html } from 'hono/html'

export const refusalPage = (reason: string) => html`<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>Payment link not valid</title></head>
  <body style="font: 16px/1.5 system-ui, sans-serif; max-width: 36rem; margin: 10vh auto; padding: 0 1rem">
    <h1>We could not complete this payment step</h1>
    <p>${reason}</p>
    <p>Please return to the shop and check your order.</p>
  </body>
</html>`
