/** The strategies of batch/v1, by resource. */
import type { Strategy } from '../strategy.js';
import { cronJobsStrategy } from './cronjobs/strategy.js';
import { jobsStrategy } from './jobs/strategy.js';

export const STRATEGIES: Record<string, Strategy> = {
  jobs: jobsStrategy,
  cronjobs: cronJobsStrategy,
};
