// Method + path → operation, from the model's path templates. A template segment matches one
// non-empty path segment; `{name}` captures it still percent-encoded (the validator decodes it, so a
// bad encoding is refused naming the parameter instead of being a 404).
import type { OperationInfo } from './spec.js';

/** The order of `Allow` and of CORS' allowed methods. */
const METHOD_ORDER = ['GET', 'HEAD', 'PUT', 'POST', 'PATCH', 'DELETE'];

export type RouteMatch =
  | { kind: 'operation'; operation: OperationInfo; rawParams: Record<string, string> }
  | { kind: 'method_not_allowed'; template: string; allow: string[] }
  | { kind: 'not_found' };

interface Route {
  template: string;
  segments: { pattern: RegExp; names: string[]; literal: boolean }[];
  byMethod: Map<string, OperationInfo>;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function segmentOf(segment: string) {
  const names: string[] = [];
  const source = segment
    .split(/(\{[^}]+\})/)
    .map((piece) => {
      const name = /^\{([^}]+)\}$/.exec(piece)?.[1];
      if (name === undefined) return escapeRegExp(piece);
      names.push(name);
      return '([^/]+)';
    })
    .join('');
  return { pattern: new RegExp(`^${source}$`), names, literal: names.length === 0 };
}

const sorted = (methods: Iterable<string>) =>
  [...new Set(methods)].sort((a, b) => METHOD_ORDER.indexOf(a) - METHOD_ORDER.indexOf(b));

/** Allowed methods of a set of operations: theirs, plus HEAD wherever GET is. */
const withHead = (methods: Iterable<string>) => {
  const all = [...methods];
  return sorted(all.includes('GET') ? [...all, 'HEAD'] : all);
};

export class Router {
  readonly #routes: Route[] = [];
  /** Every method some operation answers (HEAD included where GET is). */
  readonly methods: string[];

  constructor(operations: readonly OperationInfo[]) {
    const byTemplate = new Map<string, Route>();
    for (const operation of operations) {
      let route = byTemplate.get(operation.path);
      if (!route) {
        route = { template: operation.path, segments: operation.path.split('/').map(segmentOf), byMethod: new Map() };
        byTemplate.set(operation.path, route);
      }
      route.byMethod.set(operation.method, operation);
    }
    // A literal segment wins over a templated one at the first place they differ (`/chats/search` before `/chats/{id}`).
    this.#routes = [...byTemplate.values()].sort((a, b) => {
      for (let i = 0; i < Math.min(a.segments.length, b.segments.length); i++) {
        const diff = Number(b.segments[i]?.literal) - Number(a.segments[i]?.literal);
        if (diff !== 0) return diff;
      }
      return 0;
    });
    this.methods = withHead(operations.map((op) => op.method));
  }

  #candidates(pathname: string): { route: Route; raw: Record<string, string> }[] {
    const parts = pathname.split('/');
    const found: { route: Route; raw: Record<string, string> }[] = [];
    for (const route of this.#routes) {
      if (route.segments.length !== parts.length) continue;
      const raw: Record<string, string> = {};
      const matched = route.segments.every((segment, i) => {
        const m = segment.pattern.exec(parts[i] ?? '');
        if (!m) return false;
        segment.names.forEach((name, k) => {
          raw[name] = m[k + 1] ?? '';
        });
        return true;
      });
      if (matched) found.push({ route, raw });
    }
    return found;
  }

  /** The operation `method` `pathname` (still percent-encoded) reaches; HEAD reaches a GET. */
  match(method: string, pathname: string): RouteMatch {
    const candidates = this.#candidates(pathname);
    if (candidates.length === 0) return { kind: 'not_found' };
    const wanted = method === 'HEAD' ? 'GET' : method;
    for (const { route, raw } of candidates) {
      const operation = route.byMethod.get(wanted);
      if (operation) return { kind: 'operation', operation, rawParams: raw };
    }
    return {
      kind: 'method_not_allowed',
      template: (candidates[0] as { route: Route }).route.template,
      allow: withHead(candidates.flatMap(({ route }) => [...route.byMethod.keys()])),
    };
  }

  /** The methods answered at `pathname`, or undefined when no operation has that path. */
  methodsAt(pathname: string): string[] | undefined {
    const candidates = this.#candidates(pathname);
    if (candidates.length === 0) return undefined;
    return withHead(candidates.flatMap(({ route }) => [...route.byMethod.keys()]));
  }
}
