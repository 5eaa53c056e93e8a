// Platform URL builders. Every route embeds the org key (cbc-live-response.md §1.1).
import { ConfigurationError, REDACTED } from '@cb/core';

export interface OrgScoped {
  readonly orgKey: string | undefined;
}

export function orgKeyOf(host: OrgScoped): string {
  const key = host.orgKey;
  if (!key) throw new ConfigurationError('No organization key specified: set org_key in the profile or pass { orgKey }');
  return key;
}

/** `/appservices/v6/orgs/{org}` */
export function appservicesPath(host: OrgScoped): string {
  return `/appservices/v6/orgs/${encodeURIComponent(orgKeyOf(host))}`;
}

export const devicesPath = (host: OrgScoped): string => `${appservicesPath(host)}/devices`;
export const deviceSearchPath = (host: OrgScoped): string => `${devicesPath(host)}/_search`;
export const deviceScrollPath = (host: OrgScoped): string => `${devicesPath(host)}/_scroll`;
export const deviceActionsPath = (host: OrgScoped): string => `${appservicesPath(host)}/device_actions`;

/** A path fit for messages: the org key is a secret there, as in core's redaction. */
export function displayPath(path: string): string {
  return path.replace(/\/orgs\/[^/]+/, `/orgs/${REDACTED}`);
}
