/** Tolerations, topology spread, scheduling and readiness gates, DNS settings and host aliases. */
import {
  duplicate,
  type FieldError,
  type FieldPath,
  forbidden,
  invalid,
  notSupported,
  required,
} from '../../../../../machinery/field-errors.js';
import { invalidEach, isObj, labelNameErrors, labelSelectorErrors, num, objects, strings, text } from './common.js';
import {
  isDNS1123Subdomain,
  isDNS1123SubdomainWithUnderscore,
  isLabelValue,
  isQualifiedName,
  isValidIP,
} from './formats.js';

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

export function tolerationsErrors(tolerations: unknown, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  objects(tolerations).forEach((t, i) => {
    const at = path.index(i);
    const key = text(t.key);
    const operator = text(t.operator);
    const value = text(t.value);
    if (key !== '') errors.push(...labelNameErrors(key, at.child('key')));
    if (key === '' && operator !== 'Exists') {
      errors.push(
        invalid(
          at.child('operator'),
          operator,
          'operator must be Exists when `key` is empty, which means "match all values and all keys"',
        ),
      );
    }
    if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute') {
      errors.push(
        invalid(at.child('effect'), text(t.effect), "effect must be 'NoExecute' when `tolerationSeconds` is set"),
      );
    }
    if (operator === 'Equal' || operator === '') {
      const messages = isLabelValue(value);
      if (messages.length > 0) errors.push(invalid(at.child('operator'), value, messages.join(';')));
    } else if (operator === 'Exists') {
      if (value !== '')
        errors.push(invalid(at.child('operator'), value, "value must be empty when `operator` is 'Exists'"));
    } else if (operator !== 'Lt' && operator !== 'Gt') {
      errors.push(notSupported(at.child('operator'), operator, ['Equal', 'Exists']));
    }
    const effect = text(t.effect);
    if (effect !== '' && !EFFECTS.includes(effect)) errors.push(notSupported(at.child('effect'), effect, EFFECTS));
  });
  return errors;
}

export function topologySpreadErrors(constraints: unknown, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const list = objects(constraints);
  list.forEach((c, i) => {
    const at = path.index(i);
    const maxSkew = num(c.maxSkew) ?? 0;
    if (maxSkew <= 0) errors.push(invalid(at.child('maxSkew'), maxSkew, 'must be greater than zero'));
    if (text(c.topologyKey) === '') errors.push(required(at.child('topologyKey'), 'can not be empty'));
    const action = text(c.whenUnsatisfiable);
    if (action !== 'DoNotSchedule' && action !== 'ScheduleAnyway') {
      errors.push(notSupported(at.child('whenUnsatisfiable'), action, ['DoNotSchedule', 'ScheduleAnyway']));
    }
    const repeated = list
      .slice(i + 1)
      .some((o) => o.topologyKey === c.topologyKey && o.whenUnsatisfiable === c.whenUnsatisfiable);
    if (repeated)
      errors.push(duplicate(at.child('{topologyKey, whenUnsatisfiable}'), `{${text(c.topologyKey)}, ${action}}`));
    const minDomains = num(c.minDomains);
    if (minDomains !== undefined) {
      if (minDomains <= 0) errors.push(invalid(at.child('minDomains'), minDomains, 'must be greater than zero'));
      if (action !== 'DoNotSchedule') {
        errors.push(
          invalid(
            at.child('minDomains'),
            minDomains,
            `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${action}`,
          ),
        );
      }
    }
    for (const key of ['nodeAffinityPolicy', 'nodeTaintsPolicy'] as const) {
      const policy = c[key];
      if (policy !== undefined && policy !== 'Honor' && policy !== 'Ignore')
        errors.push(notSupported(at.child(key), policy, ['Honor', 'Ignore']));
    }
    const keys = strings(c.matchLabelKeys);
    if (keys.length > 0 && !isObj(c.labelSelector)) {
      errors.push(forbidden(at.child('matchLabelKeys'), 'must not be specified when labelSelector is not set'));
    }
    keys.forEach((k, j) => errors.push(...labelNameErrors(k, at.child('matchLabelKeys').index(j))));
    errors.push(...labelSelectorErrors(c.labelSelector, at.child('labelSelector')));
  });
  return errors;
}

export function schedulingGatesErrors(gates: unknown, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  objects(gates).forEach((gate, i) => {
    const name = text(gate.name);
    errors.push(...invalidEach(path.index(i), name, isQualifiedName(name)));
    if (seen.has(name)) errors.push(duplicate(path.index(i), name));
    seen.add(name);
  });
  return errors;
}

export const readinessGatesErrors = (gates: unknown, path: FieldPath): FieldError[] =>
  objects(gates).flatMap((gate, i) =>
    invalidEach(
      path.index(i).child('conditionType'),
      text(gate.conditionType),
      isQualifiedName(text(gate.conditionType)),
    ),
  );

export function dnsConfigErrors(config: unknown, dnsPolicy: string, path: FieldPath): FieldError[] {
  if (dnsPolicy === 'None') {
    if (!isObj(config)) return [required(path, 'must provide `dnsConfig` when `dnsPolicy` is None')];
    if (strings(config.nameservers).length === 0) {
      return [required(path.child('nameservers'), 'must provide at least one DNS nameserver when `dnsPolicy` is None')];
    }
  }
  if (!isObj(config)) return [];
  const errors: FieldError[] = [];
  const nameservers = strings(config.nameservers);
  if (nameservers.length > 3)
    errors.push(invalid(path.child('nameservers'), nameservers, 'must not have more than 3 nameservers'));
  nameservers.forEach((ns, i) => errors.push(...invalidEach(path.child('nameservers').index(i), ns, isValidIP(ns))));
  const searches = strings(config.searches);
  if (searches.length > 32)
    errors.push(invalid(path.child('searches'), searches, 'must not have more than 32 search paths'));
  if (searches.join(' ').length > 2048) {
    errors.push(
      invalid(
        path.child('searches'),
        searches,
        'must not have more than 2048 characters (including spaces) in the search list',
      ),
    );
  }
  searches.forEach((search, i) => {
    if (search === '.') return;
    const trimmed = search.replace(/\.$/, '');
    errors.push(...invalidEach(path.child('searches').index(i), trimmed, isDNS1123SubdomainWithUnderscore(trimmed)));
  });
  objects(config.options).forEach((option, i) => {
    if (text(option.name) === '') errors.push(required(path.child('options').index(i), 'must not be empty'));
  });
  return errors;
}

export const hostAliasesErrors = (aliases: unknown, path: FieldPath): FieldError[] =>
  objects(aliases).flatMap((alias, i) => [
    ...invalidEach(path.index(i).child('ip'), text(alias.ip), isValidIP(text(alias.ip))),
    ...strings(alias.hostnames).flatMap((h, j) =>
      invalidEach(path.index(i).child('hostnames').index(j), h, isDNS1123Subdomain(h)),
    ),
  ]);
