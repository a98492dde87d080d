// The documented (operation, status, type) triples, as @postpress/mock reads them from the bundled spec.
import { documentedErrors, type OperationId } from '@postpress/mock';

export interface Documented {
  operationId: OperationId;
  status: number;
  type: string;
  description: string;
  retryable: boolean;
}

export const documented: Documented[] = (Object.keys(documentedErrors) as OperationId[]).flatMap((operationId) =>
  documentedErrors[operationId].map(({ status, type, detail, retryable }) => ({
    operationId,
    status,
    type,
    description: detail,
    retryable,
  })),
);
