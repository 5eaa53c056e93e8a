// Carbon Black Cloud credential rules (cbc-live-response.md §1, §6): the profile lives in
// credentials.psc / credentials.cbc, the token is `API Secret Key/API ID`, and every platform
// route embeds the org key, so a profile without one is refused up front (user-asks E3/E4).
import { CredentialError, type Credentials } from '@cb/core';
import { WrongProductError } from './errors.js';

/** Tried in this order in each credentials directory, as the CBC SDK does (§6.2). */
export const PLATFORM_CREDENTIAL_FILES: readonly string[] = ['credentials.psc', 'credentials.cbc'];

const ORG_KEY_HELP =
  'Carbon Black Cloud routes embed the org key (/appservices/v6/orgs/{org_key}/...); ' +
  'the console shows it under Settings > General (also Settings > API Access)';

const TOKEN_HELP =
  'Carbon Black Cloud tokens are "API Secret Key/API ID": the secret first, a slash, then the API ID, ' +
  'from an API key whose access level type is Custom (Settings > API Access)';

/** Which token we are talking about, for messages that say what to edit. */
function tokenOrigin(credentials: Credentials): string {
  if (credentials.source === 'file') return `The token of profile '${credentials.profile}' in ${credentials.file ?? 'the credentials file'}`;
  if (credentials.source === 'env') return 'The token in CBC_TOKEN/CBAPI_TOKEN';
  return 'The token passed in code';
}

/** Why the org key is missing and what to do about it. */
function orgKeyMissing(credentials: Credentials): string {
  if (credentials.source === 'file') {
    return `profile '${credentials.profile}' in ${credentials.file ?? 'the credentials file'} has no org_key. ${ORG_KEY_HELP}; add "org_key = ..." to that profile or pass { orgKey }.`;
  }
  if (credentials.source === 'env') {
    return `the environment sets the URL and token (CBC_URL/CBC_TOKEN or CBAPI_*) but no org key. ${ORG_KEY_HELP}; set CBC_ORG_KEY or pass { orgKey }.`;
  }
  return `url and token were passed in code without orgKey. ${ORG_KEY_HELP}; pass { orgKey } as well.`;
}

/**
 * Why `token` is not a Cloud token, or undefined when it has the `SECRET/ID` shape. Never
 * echoes the token. Other products' token shapes get a pointer to their API class (E5).
 */
export function cloudTokenProblem(token: string): { message: string; wrongProduct: boolean } | undefined {
  const t = token.trim();
  if (/^[^\s/]+\/[^\s/]+$/.test(t)) return undefined;
  if (/^[0-9a-f]{40}$/i.test(t)) {
    return {
      wrongProduct: true,
      message:
        'the token looks like a Cb Response API token (40 hex characters). For a Cb Response server use CbResponseAPI ' +
        `from @cb/response; for Carbon Black Cloud create an API key instead. ${TOKEN_HELP}`,
    };
  }
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(t)) {
    return {
      wrongProduct: true,
      message: `the token looks like a Cb Protection API token (a GUID). For Cb Protection use @cb/protection. ${TOKEN_HELP}`,
    };
  }
  if (/\s/.test(t)) return { wrongProduct: false, message: `the token contains white space. ${TOKEN_HELP}` };
  if (!t.includes('/')) return { wrongProduct: false, message: `the token has no "/" between secret and API ID. ${TOKEN_HELP}` };
  return { wrongProduct: false, message: `the token must have exactly one "/" with text on both sides. ${TOKEN_HELP}` };
}

/** ProductConfig.checkCredentials of CBCloudAPI: org key present, token shaped `SECRET/ID`. */
export function checkCloudCredentials(credentials: Credentials): void {
  const filesSearched = credentials.file ? [credentials.file] : [];
  const problem = cloudTokenProblem(credentials.token);
  if (problem) {
    const message = `${tokenOrigin(credentials)} is not a Carbon Black Cloud token: ${problem.message}`;
    if (problem.wrongProduct) throw new WrongProductError(message);
    throw new CredentialError(message, { profile: credentials.profile, filesSearched });
  }
  if (!credentials.orgKey?.trim()) {
    throw new CredentialError(`No organization key specified: ${orgKeyMissing(credentials)}`, {
      profile: credentials.profile,
      filesSearched,
      missingKey: 'org_key',
    });
  }
}

/** The check for APIs built on an injected requester (no credentials were resolved). */
export function checkInjectedOrgKey(orgKey: string | undefined): string {
  if (!orgKey?.trim()) {
    throw new CredentialError(`No organization key specified: pass { orgKey } with the requester. ${ORG_KEY_HELP}.`, {
      missingKey: 'org_key',
    });
  }
  return orgKey;
}
