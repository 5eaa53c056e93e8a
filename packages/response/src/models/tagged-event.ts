// TaggedEvent (response.md §13): a process event tagged into an investigation. Listed per
// investigation only (`GET /api/tagged_event/{investigation_id}`); created with
// `POST /api/tagged_event`; no single-object GET.
import { ArrayQuery, defineModel, field, LazyPromise, MoreThanOneResultError, type ModelHost } from '@cb/core';
import { Investigation } from './investigation.js';
import { processOf, type Process } from './process-ref.js';

/** Event kinds a tag can point at. */
export type TaggedEventType = 'filemod' | 'regmod' | 'netconn' | 'modload' | 'childproc' | 'crossproc' | 'procstart';

export class TaggedEvent extends defineModel({
  name: 'TaggedEvent',
  urlObject: '/api/tagged_event',
  fields: {
    id: { type: 'int', readOnly: true },
    investigation_id: 'int',
    event_id: 'string',
    event_type: field<TaggedEventType>('string'),
    date_tagged: { type: 'date', readOnly: true },
    start_date: 'date',
    /** Process GUID. */
    unique_id: 'string',
    process_id: 'string',
    segment_id: 'int',
    event_data: 'object',
    tagged_by_user_id: { type: 'int', readOnly: true },
    notes: 'string',
  },
  required: ['investigation_id'],
  fetch: false,
  create: true,
  update: 'PUT',
  delete: true,
}) {
  /** `cb.select(TaggedEvent).where('investigation_id:<id>')` (the clause is mandatory). */
  static createQuery(host: ModelHost): ArrayQuery<TaggedEvent> {
    return new ArrayQuery(host, TaggedEvent, {
      parentField: 'investigation_id',
      path: (investigationId) => `/api/tagged_event/${encodeURIComponent(investigationId)}`,
    });
  }

  /** The tagged process (`unique_id` + `segment_id`), or null when the event names none. */
  get process(): Promise<Process | null> {
    return new LazyPromise(async () => processOf(this.api, this.get('unique_id', ''), this.get('segment_id', undefined)));
  }

  /**
   * The investigation (found through the list, which is the only way to read one; cbapi's
   * property was broken). Null when it no longer exists.
   */
  get investigation(): Promise<Investigation | null> {
    return new LazyPromise(async () => {
      try {
        return await Investigation.createQuery(this.api).where(`id:${this.investigation_id}`).one();
      } catch (error) {
        if (error instanceof MoreThanOneResultError && error.count === 0) return null;
        throw error;
      }
    });
  }
}
