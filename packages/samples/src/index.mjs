// @postpress/samples: request samples in every language integrators use, for every request example
// of an operations model (`@postpress/openapi/operations.json` or a fixture's). The docs build calls
// generateSamples(model); scripts/generate-samples.mjs writes the published model's samples to
// generated/ (committed, checked for drift).
import { LANGUAGES } from './languages.mjs';
import { SampleError, sampleRequests } from './requests.mjs';

export { LANGUAGES } from './languages.mjs';
export { SampleError } from './requests.mjs';

/**
 * Every sample of `model`: for each request example (see sampleRequests), its source in each
 * language, the request it sends and the answer it says it gets.
 * @param {import('@postpress/openapi/operations.json').OperationsModel} model
 */
export function generateSamples(model) {
  if (!Array.isArray(model?.operations)) throw new SampleError('generateSamples needs an operations model');
  const requests = sampleRequests(model);
  // Each operation's primary sample: the one that shows the most of the request (parts, or JSON and
  // parameters), which the docs put in front.
  const weight = (r) =>
    r.body?.parts?.length ?? JSON.stringify([r.body ?? null, r.query ?? null, r.headers ?? null]).length;
  const primary = new Map();
  for (const r of requests) {
    const best = primary.get(r.operationId);
    if (!best || weight(r) > weight(best)) primary.set(r.operationId, r);
  }
  return {
    languages: LANGUAGES.map(({ id, label, ext, generator }) => ({ id, label, ext, generator })),
    samples: requests.map((request) => ({
      primary: primary.get(request.operationId) === request,
      operationId: request.operationId,
      example: request.example,
      summary: request.summary,
      method: request.method,
      path: request.path,
      files: request.files,
      answer: request.answer,
      request,
      code: Object.fromEntries(LANGUAGES.map((language) => [language.id, language.render(request)])),
    })),
  };
}

/** Where a sample's file sits under generated/: `<lang>/<operationId>.<example>.<ext>`. */
export const samplePath = (sample, language) =>
  `${language.id}/${sample.operationId}.${sample.example}.${language.ext}`;
