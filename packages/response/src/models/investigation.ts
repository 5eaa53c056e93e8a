// Investigation (response.md §13): a named collection of tagged events. Listed with
// `GET /api/investigations`; there is no single-object GET, so a reference is resolved through
// the list (`cb.select(Investigation).where('id:2').one()`).
import { ApiError, defineModel, SimpleListQuery, type ArrayQuery, type ModelHost } from '@cb/core';
import { TaggedEvent } from './tagged-event.js';

export class Investigation extends defineModel({
  name: 'Investigation',
  urlObject: '/api/investigations',
  fields: {
    id: { type: 'int', readOnly: true },
    created_by_user_id: { type: 'int', readOnly: true },
    date_started: { type: 'date', readOnly: true },
    last_updated: { type: 'date', readOnly: true },
    name: 'string',
    notes: 'string',
  },
  required: ['name'],
  fetch: false,
  // cbapi could not create investigations; the server's POST answers {"id": n}.
  create: true,
  update: 'PUT',
  delete: true,
}) {
  /** `cb.select(Investigation)`: one GET of every investigation, filtered client-side. */
  static createQuery(host: ModelHost): SimpleListQuery<Investigation> {
    return new SimpleListQuery(host, Investigation);
  }

  /** The investigation's tagged events. */
  get events(): ArrayQuery<TaggedEvent> {
    const id = this.primaryKeyValue;
    // The events URL (`/api/tagged_event/{id}`) needs the missing id: its prefix stands in for it.
    if (id === undefined) {
      throw new ApiError('Cannot list the events of an Investigation that has not been saved', { method: 'GET', path: '/api/tagged_event' });
    }
    return TaggedEvent.createQuery(this.api).where(`investigation_id:${id}`);
  }
}
