import { parseArgs } from 'node:util';
import { readClientConfig } from '#shared/config-file.ts';
import { ConfigError } from '#shared/core/config/load.ts';
import { logger } from '#shared/logger.ts';
import { runDemo } from './demo/run-demo.ts';
import { formatSummary } from './demo/format-summary.ts';

// `npm start`: runs the demo client through the whole local pipeline and prints what it did.
// Options: --json (summary as one JSON object), --data-dir DIR (keep dynalite's data),
// --config FILE (default clients/demo.json), --scenario FILE (default events/demo/scenario.json),
// --serve (keep the receiver running for a real portal; see the README), --verbose (log lines).

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    serve: { type: 'boolean', default: false },
    'data-dir': { type: 'string' },
    config: { type: 'string', default: 'clients/demo.json' },
    scenario: { type: 'string', default: 'events/demo/scenario.json' },
    verbose: { type: 'boolean', default: false },
    port: { type: 'string', default: '8080' },
  },
});

// The summary reports what the logs would; --verbose shows the JSON log lines as well.
logger.setLogLevel(values.verbose ? 'INFO' : values.serve ? 'WARN' : 'SILENT');

try {
  const config = await readClientConfig(values.config);
  if (values.serve) {
    const { serve } = await import('./serve.ts');
    await serve({
      config,
      dataDir: values['data-dir'] ?? '.data',
      port: Number(values.port),
    });
  } else {
    const progress = !values.json && process.stderr.isTTY;
    const summary = await runDemo({
      config,
      scenarioFile: values.scenario,
      dataDir: values['data-dir'],
      onProgress: progress
        ? (done, total) =>
            process.stderr.write(
              `\rReplaying the demo scenario: ${done}/${total} changes`,
            )
        : undefined,
    });
    if (progress) process.stderr.write('\n');
    console.log(
      values.json ? JSON.stringify(summary, null, 2) : formatSummary(summary),
    );
  }
} catch (error) {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error(error);
  // A failure half-way through start-up can leave local servers open; do not hang on them.
  process.exit(1);
}
