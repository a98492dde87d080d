// Facts of the published spec, read from its operations model (@postpress/openapi/operations.json):
// the model itself, and every documented (operation, status, type) triple.
import { createRequire } from 'node:module';
import type { OperationsModel } from '@postpress/openapi/operations.json';

export const model: OperationsModel = createRequire(import.meta.url)('@postpress/openapi/operations.json');

export interface Documented {
  operationId: string;
  status: number;
  type: string;
  description: string;
  retryable: boolean;
}

export const documented: Documented[] = model.operations.flatMap((op) =>
  op.responses.flatMap((r) =>
    r.errors.map((e) => ({
      operationId: op.operationId,
      status: r.status,
      type: e.type,
      description: e.meaning,
      retryable: r.retryable,
    })),
  ),
);
