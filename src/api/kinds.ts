/** Every kind Skiff serves, in discovery order: one explicit list. */
import type { KindDefinition } from './schema/kind.js';
import { ConfigMapKind } from './core/v1/config-map.js';
import { NamespaceKind } from './core/v1/namespace.js';

export const ALL_KINDS: readonly KindDefinition[] = [NamespaceKind, ConfigMapKind];
