// defineModel(table): a model class with one typed accessor per field and one promise-valued
// getter per join. Product packages extend the result to add behaviour.
import { ConfigurationError } from '../errors.js';
import { BaseModel } from './base-model.js';
import { specOf } from './coerce.js';
import { join } from './join.js';
import type { DefinedModelClass, ModelTable } from './types.js';

function reservedNames(): Set<string> {
  const names = new Set<string>(['constructor', 'api']);
  for (const name of Object.getOwnPropertyNames(BaseModel.prototype)) names.add(name);
  return names;
}

export function defineModel<const T extends ModelTable>(table: T): DefinedModelClass<T> {
  const reserved = reservedNames();
  const clash = [...Object.keys(table.fields), ...Object.keys(table.joins ?? {})].filter((n) => reserved.has(n));
  if (clash.length > 0) {
    throw new ConfigurationError(
      `${table.name}: field/join names ${clash.join(', ')} collide with model members; read them with model.get()`,
    );
  }

  class Defined extends BaseModel {
    static readonly table: T = table;

    static {
      for (const [name, decl] of Object.entries(table.fields)) {
        const readOnly = specOf(decl).readOnly === true;
        Object.defineProperty(this.prototype, name, {
          configurable: true,
          enumerable: false,
          get(this: Defined): unknown {
            return this.readField(name);
          },
          // Read-only fields get no setter at all (assignment then throws in strict mode).
          ...(readOnly
            ? {}
            : {
                set(this: Defined, value: unknown): void {
                  this.set(name, value);
                },
              }),
        });
      }
      for (const [name, decl] of Object.entries(table.joins ?? {})) {
        Object.defineProperty(this.prototype, name, {
          configurable: true,
          enumerable: false,
          get(this: Defined): unknown {
            return join(this, decl.model(), decl.key);
          },
        });
      }
    }
  }
  Object.defineProperty(Defined, 'name', { value: table.name });
  return Defined as unknown as DefinedModelClass<T>;
}
