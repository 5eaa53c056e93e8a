// The `/cblr` protocol shared by Cb Response (`/api/v1/cblr`) and Cb Defense
// (`/integrationServices/v3/cblr`): identical command, file and keepalive routes; the
// subclasses differ in session create/close/reuse and host lookup (live-response.md §1).
import { isRecord, type Json } from '../internal/normalise.js';
import { segment } from '../internal/paths.js';
import type { SessionId } from '../types.js';
import type { CallContext, CommandRequest, FileId } from './backend.js';
import { HttpBackend } from './http-backend.js';

export abstract class CblrBackend extends HttpBackend {
  protected abstract readonly base: string;

  protected sessionPath(sessionId: SessionId): string {
    return `${this.base}/session/${segment(sessionId)}`;
  }

  protected filesPath(sessionId: SessionId): string {
    return `${this.sessionPath(sessionId)}/file`;
  }

  getSession(sessionId: SessionId, ctx: CallContext): Promise<Json> {
    return this.json('session poll', { path: this.sessionPath(sessionId), ctx });
  }

  async keepalive(sessionId: SessionId, ctx: CallContext): Promise<void> {
    await this.raw('session keepalive', { path: `${this.sessionPath(sessionId)}/keepalive`, ctx });
  }

  async listSessions(ctx: CallContext & { activeOnly?: boolean | undefined }): Promise<Json[]> {
    const data = await this.raw('session list', {
      path: `${this.base}/session`,
      ctx,
      ...(ctx.activeOnly ? { query: { active_only: true } } : {}),
    });
    return Array.isArray(data) ? data.filter(isRecord) : [];
  }

  postCommand(sessionId: SessionId, command: CommandRequest, ctx: CallContext): Promise<Json> {
    const body: Record<string, unknown> = { ...command.extra, name: command.name, session_id: sessionId };
    // `process list` has no object key at all (the server echoes `"object": null`).
    if (command.target !== undefined) body['object'] = command.target;
    return this.json(command.name, { method: 'POST', path: `${this.sessionPath(sessionId)}/command`, body, ctx });
  }

  getCommand(sessionId: SessionId, commandId: number | string, ctx: CallContext): Promise<Json> {
    return this.json('session poll', { path: `${this.sessionPath(sessionId)}/command/${segment(commandId)}`, ctx });
  }

  /** cbapi never cancels on these products; the command simply runs to completion. */
  async cancelCommand(): Promise<void> {}

  fileIdOf(posted: Json, completed: Json): FileId | undefined {
    const id = posted['file_id'] ?? completed['file_id'];
    return typeof id === 'number' || typeof id === 'string' ? id : undefined;
  }
}
