// The request headers that steer the mock, in a module of their own: the server reads them and the
// CORS answers allow them (server.ts and cors.ts both import this; neither imports the other).

/** Request headers that steer the mock (case-insensitive, as all HTTP headers). */
export const CONTROL_HEADERS = {
  error: 'x-postpress-mock-error',
  status: 'x-postpress-mock-status',
  retryAfter: 'x-postpress-mock-retry-after',
  failTimes: 'x-postpress-mock-fail-times',
  scenario: 'x-postpress-mock-scenario',
} as const;
export type ControlHeader = (typeof CONTROL_HEADERS)[keyof typeof CONTROL_HEADERS];
