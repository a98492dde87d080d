// One upload of a large file from disk, in a fresh process, so that peak RSS belongs to it alone.
// argv: variant (client | raw), path, baseUrl. Prints one JSON line: baseline and peak RSS in bytes.
import { openAsBlob } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { peakRss } from './stats.mjs';
import { startChatBody, variants } from './variants.mjs';

const [variant, path, baseUrl] = process.argv.slice(2);
const send = variants(baseUrl)[variant];
if (!send) throw new Error(`unknown variant ${variant}`);

await send(); // warm-up with the small body: code loaded, connection open, before the baseline
globalThis.gc?.();
const baseline = process.memoryUsage().rss;
const file = new File([await openAsBlob(path)], basename(path), { type: 'application/octet-stream' });
await send(startChatBody(file));
const peak = peakRss();
process.stdout.write(`${JSON.stringify({ variant, size: (await stat(path)).size, baseline, peak })}\n`);
