// Reading optional fields of search rows. Core's get(name, fallback) insists on a loaded
// document for absent fields; Process and Binary rows carry what the summary has, so an absent
// optional field (`end` of a running process, `icon` of a binary) just reads as the fallback.
import { NotLoadedError, type BaseModel } from '@cb/core';

export function peek(model: BaseModel, name: string, fallback: unknown): unknown {
  try {
    return model.get(name, fallback);
  } catch (error) {
    if (error instanceof NotLoadedError) return fallback;
    throw error;
  }
}
