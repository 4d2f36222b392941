/**
 * docs/errors.html is the page at /docs/errors, which the error catalog makes
 * (src/http/error-docs-page.ts). This file runs in the `document` test project, with the other
 * files `npm run generate` makes; the Worker serves the committed copy (src/http/routes/error-docs.ts).
 */
import { describe, expect, it } from 'vitest'
import { renderErrorDocs } from '../../src/http/error-docs-page'

// `npm run generate` runs this test with --update, by this name.
describe('docs/errors.html', () => {
  it('is the page the error catalog makes', async () => {
    await expect(renderErrorDocs()).toMatchFileSnapshot(
      '../../docs/errors.html',
      'stale: run `npm run generate` after changing error codes or their explanations'
    )
  })
})
