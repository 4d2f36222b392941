/**
 * @module Pages a provider answers with instead of a URL (iyzico's 3-D Secure HTML, a bank form):
 * kept with the payment until the shopper opens them once at the gateway's own
 * `/v1/pay/{paymentId}?t=<signed link>`, for at most the payment's pending lifetime (and never
 * longer than the callback's state lives). The page is not a secret store: one that carries the
 * card number or security code is refused, since the adapter must then use the provider's token
 * or hosted flow instead.
 */
import type { Keyring } from '../crypto/keyring'
import type { ShopperPageRow } from '../db/repos/shopper-pages'
import { newId } from '../domain/ids'
import type { CardDetails, PaymentOutcome, ShopperPage } from '../providers/types'
import { RETURN_TOKEN_TTL_MS } from './return-tokens'
import { readLink, signLink } from './signed-links'

export interface PageLink {
  tenantId: string
  paymentId: string
  tokenId: string
  expiresAt: number
}

const absoluteOrigin = (url: string | null) => {
  try {
    const parsed = new URL(url ?? '')
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : undefined
  } catch {
    return undefined
  }
}

/** The origins the page's forms post to, which its Content-Security-Policy allows and nothing else. */
async function formOriginsOf(page: ShopperPage): Promise<string[]> {
  if (page.kind === 'form') return [absoluteOrigin(page.action)].filter((o) => o !== undefined)
  const origins = new Set<string>()
  await new HTMLRewriter()
    .on('form', {
      element(form) {
        const origin = absoluteOrigin(form.getAttribute('action'))
        if (origin) origins.add(origin)
      },
    })
    .transform(new Response(page.html))
    .text()
  return [...origins]
}

/** True when the card's number or its security code (as a form field) is anywhere in the page. */
function carriesCard(page: ShopperPage, card: CardDetails | undefined): boolean {
  if (!card) return false
  const text = page.kind === 'html' ? page.html : JSON.stringify(page)
  const digitsOnly = text.replace(/[\s-]/g, '')
  if (digitsOnly.includes(card.number)) return true
  const cvvField = /(cvv|cvc|cv2|securitycode|card_?code)["']?\s*[:=]?\s*(value=)?["']?(\d{3,4})/gi
  for (const match of text.matchAll(cvvField)) if (match[3] === card.cvv) return true
  return false
}

/**
 * A provider page that carries the card stops the payment as a decline, whichever adapter it came
 * from: the gateway never stores or shows card data, and the provider lets the attempt expire.
 */
export const withoutCardData = (
  outcome: PaymentOutcome,
  card: CardDetails | undefined
): PaymentOutcome =>
  outcome.kind === 'pending' && outcome.page && carriesCard(outcome.page, card)
    ? {
        kind: 'declined',
        declineCode: 'processing_error',
        message:
          "The provider's page carried card data, which the gateway never stores or shows; the payment stopped here.",
        providerPaymentId: outcome.providerPaymentId ?? undefined,
      }
    : outcome

export async function issueShopperPage(
  key: CryptoKey,
  payment: { tenantId: string; paymentId: string; card?: CardDetails },
  page: ShopperPage,
  lifetimeMs: number,
  now: number
): Promise<{ token: string; row: ShopperPageRow }> {
  if (carriesCard(page, payment.card)) {
    // `withoutCardData` turned such a page into a decline already; this is the last guard.
    throw new Error('a provider page carrying card data was refused')
  }
  const link: PageLink = {
    tenantId: payment.tenantId,
    paymentId: payment.paymentId,
    tokenId: newId('shopperPage', now),
    expiresAt: now + Math.min(lifetimeMs, RETURN_TOKEN_TTL_MS),
  }
  return {
    token: await signLink(key, 'shopper_page', link),
    row: {
      paymentId: link.paymentId,
      tenantId: link.tenantId,
      tokenId: link.tokenId,
      page: JSON.stringify(page),
      formOrigins: (await formOriginsOf(page)).join(' '),
      expiresAt: link.expiresAt,
      createdAt: now,
    },
  }
}

export const readPageLink = (keyring: Keyring, token: string, now: number) =>
  readLink<PageLink>(keyring.stateTokens, 'shopper_page', token, now)
