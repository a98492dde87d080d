import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Operation, OperationsModel } from '@postpress/openapi/operations.json';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const KEY = 'pp_test_k3yThatMustNeverLeak42';

export const startChatBody = () => {
  const form = new FormData();
  form.append('account_id', 'acc_1');
  form.append('attendees_ids[]', 'ACo1');
  form.append('attendees_ids[]', 'ACo2');
  form.append('text', 'Hi');
  form.append('linkedin[api]', 'recruiter');
  form.append('linkedin[follow_up][subject]', 's');
  form.append('linkedin[follow_up][text]', 't');
  form.append('linkedin[follow_up][scheduled_time][days]', '3');
  form.append('linkedin[follow_up][scheduled_time][timezone]', 'Europe/Paris');
  form.append('attachments', new Blob(['%PDF-1.4'], { type: 'application/pdf' }), 'cv.pdf');
  return form;
};

export const sendMessageBody = () => {
  const form = new FormData();
  form.append('text', 'Got it');
  return form;
};

export const paths = {
  startChat: '/api/v1/chats',
  sendMessage: '/api/v1/chats/chat_1/messages',
} as const;

export async function post(url: string, body: FormData | string | undefined, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'X-API-KEY': KEY, ...headers },
    body,
    signal: AbortSignal.timeout(30_000), // generous: a loaded 2-core machine
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: JSON.parse(text) };
}

/** The published operations model, read as a user's test would (never through the mock's own view). */
export const publishedModel = (): OperationsModel =>
  createRequire(import.meta.url)('@postpress/openapi/operations.json') as OperationsModel;

/** The model's operation `operationId`, or a test failure naming it. */
export function operationIn(model: OperationsModel, operationId: string): Operation {
  const operation = model.operations.find((op) => op.operationId === operationId);
  if (!operation) throw new Error(`${operationId} is not in the model`);
  return operation;
}

/** Whether `operation` documents `(status, type)`, read from the model's responses. */
export const documents = (operation: Operation, status: number, type: string) =>
  operation.responses.some((r) => r.status === status && r.errors.some((e) => e.type === type));

/** The methods answered at `template`: the model's operations there, plus HEAD where GET is. */
export function methodsAt(model: OperationsModel, template: string): string[] {
  const methods = model.operations.filter((op) => op.path === template).map((op) => op.method as string);
  return methods.includes('GET') ? [...methods, 'HEAD'] : methods;
}

/** The first example value of a parameter, or its schema's example or default. */
export const sample = (p: Operation['parameters'][number]): unknown =>
  p.examples[0]?.value ?? (p.schema as any)?.examples?.[0] ?? (p.schema as any)?.default ?? 'example';

/**
 * A valid request of `operation` built from the model alone: path, query and header parameters
 * from their examples, the body from its first example (multipart by wire name), the key.
 */
export function validRequest(operation: Operation, base: string): { url: string; init: RequestInit } {
  const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const param = operation.parameters.find((p) => p.in === 'path' && p.name === name);
    return encodeURIComponent(String(param ? sample(param) : 'x'));
  });
  const query = new URLSearchParams();
  const headers: Record<string, string> = {};
  for (const p of operation.parameters) {
    if (p.in === 'path' || (!p.required && p.examples.length === 0)) continue;
    const value = sample(p);
    if (p.in === 'header') headers[p.name] = String(value);
    else for (const item of Array.isArray(value) ? value : [value]) query.append(p.name, String(item));
  }
  for (const s of operation.security) headers[s.name] = KEY;
  let body: FormData | string | undefined;
  const requestBody = operation.requestBody;
  if (requestBody?.multipart) {
    const form = new FormData();
    for (const [name, value] of Object.entries(requestBody.examples[0]?.wireValue ?? {})) {
      for (const item of Array.isArray(value) ? value : [value]) form.append(name, String(item));
    }
    body = form;
  } else if (requestBody) {
    headers['content-type'] = requestBody.mediaType;
    body = JSON.stringify(requestBody.examples[0]?.value ?? {});
  }
  const search = query.size ? `?${query}` : '';
  return {
    url: `${base}${path}${search}`,
    init: { method: operation.method, headers, body, signal: AbortSignal.timeout(30_000) },
  };
}
