/** The kinds of batch/v1. */
import type { KindDefinition } from '../../schema/kind.js';
import { CronJobKind } from './cron-job.js';
import { JobKind } from './job.js';

export const KINDS: KindDefinition[] = [JobKind, CronJobKind];
