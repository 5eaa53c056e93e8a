// The URL hooks shared by FeedAction and WatchlistAction (response.md §8): both live under
// their parent's `/action` collection, have no single-object GET, and cannot form any path
// without the parent's id.
import { ApiError, type BaseModel } from '@cb/core';

export interface RawDocument {
  toJSON(): Readonly<Record<string, unknown>>;
}

export interface ActionRouteSpec {
  /** The parent id field, e.g. `group_id`. */
  readonly parentField: string;
  /** The parent collection, e.g. `/api/v1/feed`. */
  readonly parentPath: string;
  /** The message when the parent id is missing. */
  readonly missingParent: string;
}

/** `urlObject`, `createPath`, `updatePath` and `deletePath` for defineModel, plus the list path. */
export function actionRoutes(spec: ActionRouteSpec) {
  const listPath = (parentId: string): string => `${spec.parentPath}/${encodeURIComponent(parentId)}/action`;
  // The raw document, not get(): URL builders also run while an error for a never-loaded model
  // is being described, and get() on such a model would raise (and describe) again. Without a
  // parent id the ApiError names only the method: every path of the model needs that id.
  const collection = (model: RawDocument | undefined, method: string): string => {
    const id = model?.toJSON()[spec.parentField];
    if (id === undefined || id === null) throw new ApiError(spec.missingParent, { method });
    return listPath(String(id));
  };
  const member = (model: BaseModel, method: string): string =>
    `${collection(model, method)}/${encodeURIComponent(String(model.primaryKeyValue))}`;
  return {
    listPath,
    urlObject: (_host: unknown, model: RawDocument | undefined) => collection(model, 'GET'),
    // One hook per operation, so a missing parent id names the method of the request it stops.
    createPath: (model: BaseModel) => collection(model, 'POST'),
    updatePath: (model: BaseModel) => member(model, 'PUT'),
    deletePath: (model: BaseModel) => member(model, 'DELETE'),
  };
}

/** `action_data` is JSON text on the wire; blank or invalid text reads as `{}`. */
export function parseActionData(text: unknown): Record<string, unknown> {
  if (typeof text !== 'string' || text.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
