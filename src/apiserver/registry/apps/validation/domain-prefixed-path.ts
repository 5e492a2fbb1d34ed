/** Upstream's IsDomainPrefixedPath: `acme.io/foo`, a DNS subdomain, a slash and an HTTP path. */
import { type FieldError, type FieldPath, invalid, required } from '../../../../machinery/field-errors.js';
import { regexError } from '../../../../machinery/validation/messages.js';
import { isDNS1123Subdomain } from '../../../../machinery/validation/names.js';

const HTTP_PATH_FMT = "[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+";
const HTTP_PATH_RE = new RegExp(`^${HTTP_PATH_FMT}$`);

/** Errors of a domain-prefixed path (controller names, managedBy values). */
export function validateDomainPrefixedPath(value: string, path: FieldPath): FieldError[] {
  if (value.length === 0) return [required(path)];
  const slash = value.indexOf('/');
  const host = slash < 0 ? value : value.slice(0, slash);
  const rest = slash < 0 ? '' : value.slice(slash + 1);
  if (slash < 0 || host.length === 0 || rest.length === 0) {
    return [invalid(path, value, 'must be a domain-prefixed path (such as "acme.io/foo")')];
  }
  const errs = isDNS1123Subdomain(host).map((msg) => invalid(path, host, msg));
  if (!HTTP_PATH_RE.test(rest)) errs.push(invalid(path, rest, regexError('Invalid path', HTTP_PATH_FMT)));
  return errs;
}
