// modload: `timestamp|md5|path` in every API version.
import { LazyPromise } from '@cb/core';
import type { Binary } from '../../binary.js';
import { eventTime, pipeFields, ProcessEvent, type DecodeContext } from './common.js';

export class ModloadEvent extends ProcessEvent {
  readonly kind = 'modload' as const;
  readonly md5: string;
  readonly path: string;
  readonly #context: DecodeContext;

  constructor(context: DecodeContext, sequence: number, raw: string) {
    const [timestamp = '', md5 = '', path = ''] = pipeFields(raw, 3);
    super(context, sequence, eventTime(timestamp), false);
    this.md5 = md5;
    this.path = path;
    this.#context = context;
  }

  /** The loaded module's Binary (from the model cache; loaded on await). */
  get binary(): Promise<Binary | null> {
    return new LazyPromise(async () => {
      if (this.md5 === '') return null;
      const binary = this.#context.selectBinary(this.md5);
      await binary.load();
      return binary;
    });
  }

  /**
   * Whether the module is signed (`digsig_result` is `Signed`). Uses the binary metadata that
   * came with the events when it has the field, else loads the Binary (through the cache).
   */
  async isSigned(): Promise<boolean> {
    const seeded = this.#context.binaries[this.md5.toUpperCase()];
    if (seeded && typeof seeded.digsig_result === 'string') return isSignedDoc(seeded);
    const binary = await this.binary;
    return binary !== null && isSignedDoc(binary.toJSON());
  }
}

/** cbapi: unsigned when digsig_result is not "Signed", or when is_signed reads "(Unknown)". */
function isSignedDoc(doc: Readonly<Record<string, unknown>>): boolean {
  return doc.digsig_result === 'Signed' && doc.is_signed !== '(Unknown)';
}
