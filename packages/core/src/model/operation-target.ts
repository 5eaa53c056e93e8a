// The request a model operation would send (method and path), for errors raised before any
// request is made: OperationNotAllowedError, NotLoadedError, InvalidObjectError. Never throws:
// a URL that cannot be built yet (no primary key, no org key) leaves the path out.
//
// URL hooks may read fields (`/feed/{group_id}/action/{id}`), and reading a field of an unloaded
// model throws a NotLoadedError that itself asks for the model's URL. Without a guard that
// recursion runs to stack exhaustion at every level (it hung test runs), so a model whose URL is
// already being built gets no path in the nested error.
import type { HttpMethod } from '../http/types.js';
import type { BaseModel } from './base-model.js';
import type { ModelClass, ModelHost, ModelInit, ModelTable } from './types.js';

export type ModelOperation = 'fetch' | 'create' | 'update' | 'delete';

const building = new WeakSet<BaseModel>();

function attempt(model: BaseModel, build: () => string): string | undefined {
  if (building.has(model)) return undefined;
  building.add(model);
  try {
    return build();
  } catch {
    return undefined;
  } finally {
    building.delete(model);
  }
}

/** The list/create URL of the table (`urlObject`). */
export function collectionPath(table: ModelTable, model: BaseModel): string | undefined {
  const url = table.urlObject;
  return typeof url === 'string' ? url : attempt(model, () => url(model.api, model));
}

export interface OperationTarget {
  readonly method: HttpMethod;
  readonly path: string | undefined;
}

function methodOf(table: ModelTable, operation: ModelOperation): HttpMethod {
  if (operation === 'fetch') return 'GET';
  if (operation === 'delete') return 'DELETE';
  return operation === 'create' ? (table.createMethod ?? 'POST') : table.update || 'PUT';
}

/** Method and path of `operation` on `model` (mirrors save/delete/load), as far as known now. */
export function operationTarget(table: ModelTable, model: BaseModel, operation: ModelOperation): OperationTarget {
  const method = methodOf(table, operation);
  switch (operation) {
    case 'fetch':
      return { method, path: attempt(model, () => model.objectPath()) };
    case 'create': {
      const { createPath } = table;
      return { method, path: createPath ? attempt(model, () => createPath(model)) : collectionPath(table, model) };
    }
    case 'update': {
      const { updatePath } = table;
      return { method, path: attempt(model, () => (updatePath ? updatePath(model) : model.objectPath())) };
    }
    case 'delete': {
      const { deletePath } = table;
      return { method, path: attempt(model, () => (deletePath ? deletePath(model) : model.objectPath())) };
    }
  }
}

/** Like operationTarget, for a class-level refusal (`cb.fetch`, `cb.create`) before any instance exists. */
export function classOperationTarget(
  host: ModelHost,
  model: ModelClass,
  init: ModelInit,
  operation: ModelOperation,
): OperationTarget | { readonly method: HttpMethod } {
  try {
    return operationTarget(model.table, new model(host, init), operation);
  } catch {
    // A product constructor refused the init: name the method alone.
    return { method: methodOf(model.table, operation) };
  }
}
