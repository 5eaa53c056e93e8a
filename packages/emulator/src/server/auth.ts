// X-Auth-Token → user. Tokens are the users' `auth_token` fields, so tokens of users created
// through the API work immediately, and a deleted user's token stops working.
import type { EmulatorState, UserDocument, UserRole } from '../data/types.js';
import type { Access } from './router.js';

export interface Principal {
  user: UserDocument;
  role: UserRole;
}

export function headerValue(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

export function authenticate(state: EmulatorState, token: string | undefined): Principal | undefined {
  if (!token) return undefined;
  for (const user of state.users.values()) {
    if (user.auth_token === token) {
      return { user, role: state.userSecrets.get(user.username)?.role ?? 'read-only' };
    }
  }
  return undefined;
}

/** 'write' needs a non-read-only user; 'admin' (user management, storage, settings) a global admin. */
export function allowed(principal: Principal, access: Access): boolean {
  switch (access) {
    case 'public':
    case 'read':
      return true;
    case 'write':
      return principal.role !== 'read-only';
    case 'admin':
      return principal.role === 'admin' && principal.user.global_admin;
  }
}
