import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin'
import { defineConfig } from 'vitest/config'
import { providerSimulators, simulatorEndpoints } from './test/simulators/index.ts'
import { toNodeListener } from './test/simulators/kit/node-bridge.ts'

/** A fixed key for tests only; deployments get theirs from `wrangler secret put`. */
const TEST_CONFIG_ENCRYPTION_KEY = 'dGVzdC1vbmx5LWtleS1mb3Itdml0ZXN0LXJ1bnMtMDE='

/**
 * Every outbound fetch of the Worker under test lands here, in Node: requests for
 * `http://providers.sim/<id>/…` go to the provider simulators (their notifications held for the
 * tests to deliver), any other host is unreachable. Nothing leaves the machine.
 */
const SIMULATOR_HOST = 'providers.sim'

/**
 * The tests that need the real OpenAPI generator: they make docs/openapi.json from the route
 * definitions (`npm run generate` runs the first with --update), check its examples, and compare
 * the runtime router with the library's; and the one that makes docs/errors.html, which
 * `npm run generate` runs with it. Every other test runs the Worker as deployed, with the
 * aliases of wrangler.toml's `[alias]` (read from there, so the two cannot differ).
 */
const DOCUMENT_TESTS = [
  'test/integration/openapi-document.test.ts',
  'test/integration/openapi-examples.test.ts',
  'test/integration/openapi-runtime.test.ts',
  'test/integration/error-docs-document.test.ts',
]
const WRANGLER_ALIASES = Object.fromEntries(
  [...readFileSync('wrangler.toml', 'utf8').matchAll(/^"([^"]+)" = "(\.\/[^"]+)"$/gm)].map(
    ([, name, path]) => [name, fileURLToPath(new URL(path, import.meta.url))]
  )
)
if (!WRANGLER_ALIASES['@hono/zod-openapi'])
  throw new Error('wrangler.toml no longer aliases @hono/zod-openapi: update vitest.config.ts')
const outbound = toNodeListener(providerSimulators('hold'), {
  knownHosts: (host) => host === SIMULATOR_HOST,
})

export default defineConfig({
  plugins: [
    cloudflareTest(async () => ({
      wrangler: { configPath: './wrangler.toml' },
      miniflare: {
        bindings: {
          TEST_MIGRATIONS: await readD1Migrations('./migrations'),
          FUZZ_RUNS_PER_ROUTE: process.env.FUZZ_RUNS_PER_ROUTE ?? '250',
          CONFIG_ENCRYPTION_KEY: TEST_CONFIG_ENCRYPTION_KEY,
          PROVIDER_ENDPOINTS: JSON.stringify(simulatorEndpoints(`http://${SIMULATOR_HOST}`)),
        },
        outboundService: { node: outbound },
        // Tests drive the queue consumer themselves (createMessageBatch), one batch at a time, so
        // nothing is consumed behind their back: messages go to a real queue nobody consumes.
        queueProducers: {
          WEBHOOKS: { queueName: 'gopay-webhooks-under-test' },
          WEBHOOKS_DLQ: { queueName: 'gopay-webhooks-dlq-under-test' },
        },
        queueConsumers: {},
      },
    })),
  ],
  test: {
    projects: [
      {
        extends: true,
        resolve: { alias: WRANGLER_ALIASES },
        test: {
          name: 'worker',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: DOCUMENT_TESTS,
          benchmark: { include: ['bench/**/*.bench.ts'] },
        },
      },
      {
        extends: true,
        // Benchmarks measure the Worker as deployed, so they run in the project above only.
        test: { name: 'document', include: DOCUMENT_TESTS, benchmark: { exclude: ['**'] } },
      },
    ],
    setupFiles: ['./test/setup/apply-migrations.ts'],
    // Generous limits so a slow machine never fails a test on time; speed is measured in bench/.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
