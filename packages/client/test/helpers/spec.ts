// The documented (operation, status, type) triples, read from the bundled spec.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const doc: any = JSON.parse(readFileSync(require.resolve('@postpress/openapi/openapi.json'), 'utf8'));
const deref = (node: any) =>
  node.$ref
    ? node.$ref
        .slice(2)
        .split('/')
        .reduce((n: any, k: string) => n[k], doc)
    : node;

export interface Documented {
  operationId: 'startChat' | 'sendMessage';
  status: number;
  type: string;
  description: string;
  retryable: boolean;
}

export const documented: Documented[] = Object.values(doc.paths).flatMap((item: any) =>
  Object.values(item).flatMap((op: any) =>
    Object.entries(op.responses)
      .filter(([code]) => Number(code) >= 400)
      .flatMap(([code, ref]) => {
        const response = deref(ref);
        const own = deref(response.content['application/json'].schema).allOf[1].properties.type;
        return own.enum.map((type: string) => ({
          operationId: op.operationId,
          status: Number(code),
          type,
          description: own['x-enumDescriptions'][type],
          retryable: response['x-retryable'] === true,
        }));
      }),
  ),
);
