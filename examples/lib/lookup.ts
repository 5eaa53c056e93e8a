// "By id or by name" lookups of the *_operations examples (cbapi's get_object_by_name_or_id).
import type { BaseModel } from '@cb/core';
import { UsageError } from './cli.js';

/** Nothing on the server matches what the command line named. */
export class NoMatchError extends Error {
  override name = 'NoMatchError';
}

interface NamedQuery<M> {
  where(clause: string): { all(): Promise<M[]> };
}

/**
 * The objects an `--id` or `--name` option designates: the one with that id (the fetch throws
 * ObjectNotFoundError when there is none), or every object with that name, at least one
 * (NoMatchError otherwise). UsageError when neither or both options are given.
 */
export async function byIdOrName<M extends BaseModel>(
  what: string,
  query: NamedQuery<M>,
  fetchById: (id: string) => Promise<M>,
  id: string | undefined,
  name: string | undefined,
): Promise<M[]> {
  if ((id === undefined) === (name === undefined)) throw new UsageError('give either --id or --name');
  if (id !== undefined) return [await fetchById(id)];
  const found = await query.where(`name:${name}`).all();
  if (found.length === 0) throw new NoMatchError(`no ${what} named '${name}'`);
  return found;
}

/** Exactly one object of that id or name; several of the same name is a UsageError. */
export async function oneByIdOrName<M extends BaseModel>(
  what: string,
  query: NamedQuery<M>,
  fetchById: (id: string) => Promise<M>,
  id: string | undefined,
  name: string | undefined,
): Promise<M> {
  const [first, ...more] = await byIdOrName(what, query, fetchById, id, name);
  if (more.length > 0) throw new UsageError(`${more.length + 1} ${what}s are named '${name}': use --id`);
  return first!;
}
