// @postpress/mock in a process of its own (child_process.fork), so the load generator does not
// share its event loop. Options come as JSON in argv[2]; IPC 'rss' answers with the current RSS.
import { startMockServer } from '@postpress/mock';

const mock = await startMockServer(JSON.parse(process.argv[2] ?? '{}'));
process.on('message', (message) => {
  if (message === 'rss') process.send?.({ rss: process.memoryUsage().rss });
  if (message === 'stop') mock.close().then(() => process.exit(0));
});
process.on('disconnect', () => process.exit(0)); // the runner went away: never linger
process.send?.({ port: mock.port });
