// A small method + path-pattern router. Patterns are '/'-separated; a ':name' segment captures
// one non-empty segment, a trailing '*name' captures the rest. When several patterns match,
// the one with literal segments further left wins ('/process/host/count' beats
// '/process/:guid/:segment'), so registration order does not matter.

export type Access = 'public' | 'read' | 'write' | 'admin';

export interface RouteDef<H> {
  method: string;
  pattern: string;
  handler: H;
  /** Rights the caller needs; default 'read' for GET/HEAD, 'write' otherwise. */
  access?: Access;
  /** Counted as a "page" in stats (search endpoints). */
  searchPage?: boolean;
}

interface CompiledRoute<H> extends RouteDef<H> {
  segments: string[];
  rest?: string;
  score: string;
}

export type RouteMatch<H> =
  | { kind: 'found'; route: RouteDef<H>; params: Record<string, string> }
  | { kind: 'method-not-allowed'; allowed: string[] }
  | { kind: 'not-found' };

function splitPath(path: string): string[] {
  return path.split('/').filter((s) => s.length > 0);
}

export class Router<H> {
  private routes: CompiledRoute<H>[] = [];

  add(def: RouteDef<H>): this {
    const segments = splitPath(def.pattern);
    let rest: string | undefined;
    if (segments.length && segments[segments.length - 1]!.startsWith('*')) rest = segments.pop()!.slice(1) || 'rest';
    const score = segments.map((s) => (s.startsWith(':') ? '0' : '1')).join('') + (rest ? '' : '2');
    this.routes.push({ ...def, method: def.method.toUpperCase(), segments, rest, score });
    return this;
  }

  /** Registers several routes at once (used by route modules). */
  addAll(defs: Iterable<RouteDef<H>>): this {
    for (const def of defs) this.add(def);
    return this;
  }

  list(): ReadonlyArray<RouteDef<H>> {
    return this.routes;
  }

  match(method: string, path: string): RouteMatch<H> {
    const parts = splitPath(path).map((p) => {
      try {
        return decodeURIComponent(p);
      } catch {
        return p;
      }
    });
    const candidates: { route: CompiledRoute<H>; params: Record<string, string> }[] = [];
    for (const route of this.routes) {
      const params = matchSegments(route, parts);
      if (params) candidates.push({ route, params });
    }
    if (!candidates.length) return { kind: 'not-found' };
    const m = method.toUpperCase();
    const forMethod = candidates.filter((c) => c.route.method === m || (m === 'HEAD' && c.route.method === 'GET'));
    if (!forMethod.length) return { kind: 'method-not-allowed', allowed: [...new Set(candidates.map((c) => c.route.method))] };
    forMethod.sort((a, b) => (a.route.score < b.route.score ? 1 : a.route.score > b.route.score ? -1 : 0));
    const best = forMethod[0]!;
    return { kind: 'found', route: best.route, params: best.params };
  }
}

function matchSegments<H>(route: CompiledRoute<H>, parts: string[]): Record<string, string> | undefined {
  if (route.rest === undefined ? parts.length !== route.segments.length : parts.length <= route.segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < route.segments.length; i++) {
    const seg = route.segments[i]!;
    const part = parts[i]!;
    if (seg.startsWith(':')) params[seg.slice(1)] = part;
    else if (seg !== part) return undefined;
  }
  if (route.rest !== undefined) params[route.rest] = parts.slice(route.segments.length).join('/');
  return params;
}
