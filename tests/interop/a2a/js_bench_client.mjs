#!/usr/bin/env node
// Benchmark peer for bench/a2a_stream_bench: the @a2a-js/sdk client measuring one A2A agent.
// Prints one JSON line:
//   {"events_per_s": .., "events": .., "send_p50_ms": .., "send_p99_ms": .., "sends": ..}
// The agent must understand "burst:N" (N working status updates, then completed).
//
// usage: node js_bench_client.mjs --url URL [--events N] [--runs R] [--sends M]
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { SendMessageRequest } from '@a2a-js/sdk';
import { ClientFactory } from '@a2a-js/sdk/client';

function parseArgs(argv) {
  const args = { url: '', events: 20000, runs: 3, sends: 1000 };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i];
    const value = argv[++i];
    if (name === '--url') args.url = value;
    else if (name === '--events') args.events = Number(value);
    else if (name === '--runs') args.runs = Number(value);
    else if (name === '--sends') args.sends = Number(value);
    else throw new Error(`unknown argument ${name}`);
  }
  if (!args.url) throw new Error('--url is required');
  return args;
}

const request = (text) =>
  SendMessageRequest.fromJSON({
    message: { messageId: randomUUID(), role: 'ROLE_USER', parts: [{ text }] },
  });

function percentile(sorted, p) {
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)];
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const client = await new ClientFactory().createFromUrl(args.url);

  let best = 0;
  let events = 0;
  for (let run = 0; run < args.runs; run++) {
    const start = performance.now();
    let count = 0;
    for await (const _event of client.sendMessageStream(request(`burst:${args.events}`))) count++;
    const seconds = (performance.now() - start) / 1000;
    if (count / seconds > best) {
      best = count / seconds;
      events = count;
    }
  }

  for (let i = 0; i < Math.min(100, args.sends); i++) await client.sendMessage(request('burst:0'));
  const latencies = [];
  for (let i = 0; i < args.sends; i++) {
    const start = performance.now();
    await client.sendMessage(request('burst:0'));
    latencies.push(performance.now() - start);
  }
  latencies.sort((a, b) => a - b);
  process.stdout.write(
    `${JSON.stringify({
      events_per_s: best,
      events,
      send_p50_ms: percentile(latencies, 50),
      send_p99_ms: percentile(latencies, 99),
      sends: latencies.length,
    })}\n`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
