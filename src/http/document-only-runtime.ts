/**
 * @module The Worker's `#document-only` (wrangler.toml's `[alias]`). Route modules build example
 * objects when they load, and the runtime router drops them, so here every example is one inert
 * value: any property of it, call of it or string made of it is inert again (or empty). The
 * modules load and route as before, with no example text in the bundle; the `document` test
 * project and `npm run generate` use the real `document-only.ts`.
 */
import type * as Document from './document-only'

const inert: unknown = new Proxy(() => {}, {
  get: (_target, key) => (key === Symbol.toPrimitive ? () => '' : inert),
  apply: () => inert,
})

export const REPORT_CSV_EXAMPLE = inert as typeof Document.REPORT_CSV_EXAMPLE
export const REPORT_EXAMPLE = inert as typeof Document.REPORT_EXAMPLE
export const CREATE_PAYMENT_EXAMPLES = inert as typeof Document.CREATE_PAYMENT_EXAMPLES
export const CREATED_PAYMENT_EXAMPLES = inert as typeof Document.CREATED_PAYMENT_EXAMPLES
export const DELIVERED_EXAMPLE = inert as typeof Document.DELIVERED_EXAMPLE
export const EXAMPLE_APP_URL = inert as typeof Document.EXAMPLE_APP_URL
export const EXAMPLE_IDS = inert as typeof Document.EXAMPLE_IDS
export const EXAMPLE_REQUEST_ID = inert as typeof Document.EXAMPLE_REQUEST_ID
export const PAYMENT_EXAMPLES = inert as typeof Document.PAYMENT_EXAMPLES
export const REFUND_EXAMPLE = inert as typeof Document.REFUND_EXAMPLE
export const RESENT_EXAMPLE = inert as typeof Document.RESENT_EXAMPLE
/** The webhooks are described in the document only; the runtime router has no registry. */
export const registerMerchantWebhooks: typeof Document.registerMerchantWebhooks = () => {}
