/**
 * @module What only the OpenAPI document uses: the examples and the description of the webhooks
 * the gateway sends merchants. Imported as `#document-only` (package.json `imports`), which
 * wrangler.toml aliases to `document-only-runtime.ts` in the Worker: the document is generated
 * ahead of time (`npm run generate`), so none of this ships to the edge.
 */
export { REPORT_CSV_EXAMPLE, REPORT_EXAMPLE } from '../reports/examples'
export { CREATE_PAYMENT_EXAMPLES, CREATED_PAYMENT_EXAMPLES } from './create-payment-examples'
export {
  DELIVERED_EXAMPLE,
  EXAMPLE_APP_URL,
  EXAMPLE_IDS,
  EXAMPLE_REQUEST_ID,
  PAYMENT_EXAMPLES,
  REFUND_EXAMPLE,
  RESENT_EXAMPLE,
} from './examples'
export { registerMerchantWebhooks } from './merchant-webhooks-doc'
