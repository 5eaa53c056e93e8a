// The sensor list (response.md §5): `GET /api/v1/sensor` returns every sensor as a JSON array;
// at most one where-clause, sent to the server as a query parameter (`?ip=`, `?hostname=`,
// `?groupid=`). The server matches `ip`/`hostname` as case-sensitive substrings. Sorting is
// client-side.
import { SimpleListQuery, splitClause, type ModelClass, type ModelHost, type QueryState, type RequestOptions } from '@cb/core';
import { InvalidQueryFieldError } from './errors.js';
import type { Sensor } from './sensor.js';

/** Fields the sensor list can filter on. */
export const SENSOR_QUERY_FIELDS = ['ip', 'hostname', 'groupid'] as const;
export type SensorQueryField = (typeof SENSOR_QUERY_FIELDS)[number];

const isSensorQueryField = (name: string): name is SensorQueryField => (SENSOR_QUERY_FIELDS as readonly string[]).includes(name);

export class SensorQuery extends SimpleListQuery<Sensor> {
  constructor(host: ModelHost, model: ModelClass<Sensor>) {
    super(host, model);
  }

  /**
   * `where('ip:10.0.0.5')`, `where('hostname:WIN-')` or `where('groupid:2')`. Any other field is
   * an InvalidQueryFieldError; a second clause an ApiError (the server takes one filter).
   */
  override where(clause: string): this {
    const { field } = splitClause(clause);
    if (!isSensorQueryField(field)) throw new InvalidQueryFieldError('Sensor', field, SENSOR_QUERY_FIELDS, this.searchTarget());
    return super.where(clause);
  }

  protected override buildListRequest(state: QueryState): RequestOptions {
    const [clause] = state.clauses;
    if (clause === undefined) return { method: 'GET', path: state.path, query: state.params };
    const { field, value } = splitClause(clause);
    return { method: 'GET', path: state.path, query: { ...state.params, [field]: value } };
  }

  /** The server already filtered. */
  protected override matches(): boolean {
    return true;
  }
}
