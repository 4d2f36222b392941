import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin'
import { defineConfig } from 'vitest/config'

/** A fixed key for tests only; deployments get theirs from `wrangler secret put`. */
const TEST_CONFIG_ENCRYPTION_KEY = 'dGVzdC1vbmx5LWtleS1mb3Itdml0ZXN0LXJ1bnMtMDE='

export default defineConfig({
  plugins: [
    cloudflareTest(async () => ({
      wrangler: { configPath: './wrangler.toml' },
      miniflare: {
        bindings: {
          TEST_MIGRATIONS: await readD1Migrations('./migrations'),
          CONFIG_ENCRYPTION_KEY: TEST_CONFIG_ENCRYPTION_KEY,
        },
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
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    benchmark: { include: ['bench/**/*.bench.ts'] },
    setupFiles: ['./test/setup/apply-migrations.ts'],
    // Generous limits so a slow machine never fails a test on time; speed is measured in bench/.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
