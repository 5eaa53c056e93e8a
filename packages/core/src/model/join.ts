// Joins: a foreign-key field read as the model it points to, loaded through the model cache.
import { NotLoadedError } from '../errors.js';
import type { BaseModel } from './base-model.js';
import { LazyPromise } from './lazy-promise.js';
import type { CallOptions, ModelClass, PrimaryKey } from './types.js';

async function foreignKey(from: BaseModel, key: string, options: CallOptions | undefined): Promise<unknown> {
  await from.load(options);
  try {
    return from.get(key, null);
  } catch (error) {
    // A search row may lack the key: read the whole document once, then look again.
    if (!(error instanceof NotLoadedError) || !from.isPartial) throw error;
    await from.refresh(options);
    return from.get(key, null);
  }
}

/**
 * `await join(proc, Sensor, 'sensor_id')`: the Sensor whose id is `proc.sensor_id`, loaded
 * (from the cache when possible), or null when the key is empty. Nothing is sent until awaited.
 */
export function join<C extends ModelClass>(
  from: BaseModel,
  target: C,
  key: string,
  options?: CallOptions,
): Promise<InstanceType<C> | null> {
  return new LazyPromise(async () => {
    const value = await foreignKey(from, key, options);
    if (value === null || value === undefined || value === '') return null;
    const model = from.api.select(target, value as PrimaryKey);
    await model.load(options);
    return model;
  });
}
