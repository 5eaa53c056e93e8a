// The request an error is about, for errors raised before (or instead of) that request: the
// method and path every ApiError carries (architecture.md "Errors"). Naming it never throws: a
// path that cannot be built yet (no id, unknown segment) gives way to a fallback, usually the
// model's URL. Builders must not themselves raise errors that name a target through the same
// builder (a URL hook describing its own failure would recurse).
import type { BaseModel, ModelClass } from '@cb/core';

/** Method and path of a request, as an ApiError's context takes them. */
export interface RequestTarget {
  readonly method: string;
  readonly path: string | undefined;
}

/** `method` with the path `build()` gives, or `fallback` when it cannot be built now. */
export function requestTarget(method: string, build: () => string, fallback?: string): RequestTarget {
  try {
    return { method, path: build() };
  } catch {
    return { method, path: fallback };
  }
}

/** The model's list/create URL (`urlObject`), undefined when it cannot be built now. */
export function modelUrl(model: BaseModel): string | undefined {
  const url = (model.constructor as ModelClass).table.urlObject;
  return typeof url === 'string' ? url : requestTarget('GET', () => url(model.api, model)).path;
}

/**
 * The request the model's next save() sends, as far as known now: create (POST to the model's
 * URL) for a new model, one without a key or one whose key changed; else the update method on
 * the object's path. Mirrors core's save().
 */
export function saveTarget(model: BaseModel): RequestTarget {
  const table = (model.constructor as ModelClass).table;
  const creating = model.isNew || model.primaryKeyValue === undefined || model.primaryKeyField in model.changes;
  if (creating) {
    const { createPath } = table;
    const method = table.createMethod ?? 'POST';
    return createPath ? requestTarget(method, () => createPath(model), modelUrl(model)) : { method, path: modelUrl(model) };
  }
  const { updatePath } = table;
  return requestTarget(table.update || 'PUT', () => (updatePath ? updatePath(model) : model.objectPath()), modelUrl(model));
}
