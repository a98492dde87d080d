// The built mock, alone in this process, for test/memory.test.ts to measure: it starts the mock
// with the options given as JSON in argv[2], then answers 'measure' (after two full GCs: the test
// runs it with --expose-gc) and 'close' over the IPC channel.
import { getHeapStatistics } from 'node:v8';
import { startMockServer } from '../../dist/index.js';

const mock = await startMockServer(JSON.parse(process.argv[2] ?? '{}'));
const measure = () => {
  globalThis.gc?.();
  globalThis.gc?.();
  return {
    heapUsed: getHeapStatistics().used_heap_size,
    rss: process.memoryUsage().rss,
    maxRss: process.resourceUsage().maxRSS * 1024,
    records: mock.requests().length,
  };
};
process.on('message', async (message) => {
  if (message === 'measure') process.send?.(measure());
  if (message === 'close') {
    await mock.close();
    process.exit(0);
  }
});
process.send?.({ url: mock.url, port: mock.port, ...measure() });
