// The request a model operation would send (method and path), for errors raised before any
// request is made: OperationNotAllowedError, NotLoadedError, InvalidObjectError. Never throws:
// a URL that cannot be built yet (no primary key, no org key) leaves the path out.
import type { HttpMethod } from '../http/types.js';
import type { BaseModel } from './base-model.js';
import type { ModelClass, ModelHost, ModelInit, ModelTable } from './types.js';

export type ModelOperation = 'fetch' | 'create' | 'update' | 'delete';

function attempt(build: () => string): string | undefined {
  try {
    return build();
  } catch {
    return undefined;
  }
}

/** The list/create URL of the table (`urlObject`). */
export function collectionPath(table: ModelTable, model: BaseModel): string | undefined {
  const url = table.urlObject;
  return attempt(() => (typeof url === 'string' ? url : url(model.api, model)));
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
      return { method, path: attempt(() => model.objectPath()) };
    case 'create': {
      const { createPath } = table;
      return { method, path: createPath ? attempt(() => createPath(model)) : collectionPath(table, model) };
    }
    case 'update': {
      const { updatePath } = table;
      return { method, path: attempt(() => (updatePath ? updatePath(model) : model.objectPath())) };
    }
    case 'delete': {
      const { deletePath } = table;
      return { method, path: attempt(() => (deletePath ? deletePath(model) : model.objectPath())) };
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
