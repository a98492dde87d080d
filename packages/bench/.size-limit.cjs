// The gzip budgets of @postpress/client's entry points, run by size-limit (test/size.test.ts, part of
// `pnpm test`). An app that imports one operation pays at most 6,000 B whatever the spec's size (issue 22);
// a client of every operation grows with the spec, so its budget is read off the operations model:
// 6,000 B for the first operation and 250 B for each other (a descriptor, its documented-error table,
// and its share of the query, JSON and paging code; measured from 5,942 B at 2 operations to 6,716 B at 5).
const { operations } = require('@postpress/openapi/operations.json');

const ONE_OPERATION = 6000;
const EACH_MORE = 250;

module.exports = [
  {
    name: `@postpress/client: createPostpressClient (every operation of the spec: ${operations.length})`,
    path: 'src/client-entry.js',
    import: '{ createPostpressClient }',
    limit: `${ONE_OPERATION + EACH_MORE * (operations.length - 1)} B`,
    gzip: true,
  },
  {
    name: '@postpress/client: createPostpressClientWith one operation (issue 22 budget: 6,000 B gzip whatever the number of operations)',
    path: 'src/client-entry.js',
    import: '{ createPostpressClientWith, startChat }',
    limit: `${ONE_OPERATION} B`,
    gzip: true,
  },
  {
    name: "@postpress/client: createPostpressFetchClient (openapi-fetch's whole client + the encoders)",
    path: 'src/client-entry.js',
    import: '{ createPostpressFetchClient }',
    limit: '6500 B',
    gzip: true,
  },
];
