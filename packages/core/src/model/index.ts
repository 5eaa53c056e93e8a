export { BaseModel } from './base-model.js';
export { defineModel } from './define-model.js';
export { join } from './join.js';
export { LazyPromise } from './lazy-promise.js';
export { unwrapKey, unwrapSingle } from './parsers.js';
export { formatCbDate, parseCbDate } from './coerce.js';
export { interpretSaveReply } from './save-reply.js';
export { field } from './types.js';
export type {
  CallOptions,
  DefinedModelClass,
  Doc,
  FieldAccessors,
  FieldChange,
  FieldDecl,
  FieldName,
  FieldSpec,
  FieldType,
  FieldTypeMap,
  FieldValues,
  JoinAccessors,
  JoinDecl,
  ModelClass,
  ModelHost,
  ModelInit,
  ModelInstance,
  ModelState,
  ModelTable,
  PrimaryKey,
  SaveOutcome,
  SaveReplyContext,
  UpdateMethod,
} from './types.js';
