/**
 * Name validators for `metadata.name` / `metadata.generateName` (apimachinery api/validation generic.go):
 * each kind picks one. With `prefix` true the value is a generateName, to which a random suffix is appended.
 */
import {
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isValidPathSegmentName,
  isValidPathSegmentPrefix,
} from './names.js';

/** Checks a name (or, with `prefix`, a generateName) and returns what is wrong with it; empty when valid. */
export type NameValidator = (name: string, prefix: boolean) => string[];

/**
 * Upstream lets a generateName end in '-' by replacing its end with a letter before checking. It drops the
 * last two characters, not one: kept as is, since it decides which prefixes pass the length limit.
 */
function maskTrailingDash(name: string): string {
  return name.length > 1 && name.endsWith('-') ? `${name.slice(0, -2)}a` : name;
}

/** Names that must be DNS subdomains (most kinds). */
export const nameIsDNSSubdomain: NameValidator = (name, prefix) =>
  isDNS1123Subdomain(prefix ? maskTrailingDash(name) : name);

/** Names that must be DNS (RFC 1123) labels (Namespace, and others that become a DNS label). */
export const nameIsDNSLabel: NameValidator = (name, prefix) => isDNS1123Label(prefix ? maskTrailingDash(name) : name);

/** Names that must be DNS-1035 labels (Service). */
export const nameIsDNS1035Label: NameValidator = (name, prefix) =>
  isDNS1035Label(prefix ? maskTrailingDash(name) : name);

/** Names only restricted to what is safe in a URL path segment (e.g. RBAC roles). */
export const nameIsPathSegment: NameValidator = (name, prefix) =>
  prefix ? isValidPathSegmentPrefix(name) : isValidPathSegmentName(name);

/** The rule for namespace names, as used by `metadata.namespace`. */
export const validateNamespaceName: NameValidator = nameIsDNSLabel;
