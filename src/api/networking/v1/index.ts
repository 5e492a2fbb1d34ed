/** The kinds of networking.k8s.io/v1 this project serves (IPAddress and ServiceCIDR are not among them yet). */
import type { KindDefinition } from '../../schema/kind.js';
import { IngressClassKind } from './ingress-class.js';
import { IngressKind } from './ingress.js';
import { NetworkPolicyKind } from './network-policy.js';

export const KINDS: KindDefinition[] = [IngressKind, IngressClassKind, NetworkPolicyKind];
