/**
 * Acting on the chosen node without waiting (upstream prepareCandidateAsync, SchedulerAsyncPreemption): the
 * preemption is recorded as in flight — which holds the preemptor out of the active queue — and the API calls
 * run in the background: first the nominations of lower-priority pods nominated to the node are cleared, then
 * the victims are evicted, at most `limit` evictions at a time across all preemptions, each getting a
 * `Preempted` event. The first failed eviction stops those not yet sent and ends the preemption with its
 * message, after the preemptor's own nomination has been cleared in the API.
 */
import type { Pod } from '../../../api/core/v1/pod.js';
import { EventType } from '../../../client/record/event-recorder.js';
import type { Handle, PreemptionsInFlight } from '../../framework/interfaces.js';
import type { ConcurrencyLimit } from './concurrency-limit.js';
import type { Candidate } from './dry-run.js';
import type { PreemptionActions } from './preemption-actions.js';
import {
  asPodObject,
  errorMessage,
  lowerPriorityNominatedPods,
  preemptedMessage,
  REASON_PREEMPTED,
} from './prepare-candidate.js';

/**
 * Starts the evictions of `candidate`'s victims for `preemptor` and returns at once. Victims already being
 * deleted (a deletionTimestamp) or already being evicted by another running preemption get no second call;
 * when none is left nothing is started (upstream: there is nothing to wait for). Resolves, for tests, when
 * the background work has ended; never rejects.
 */
export function prepareCandidateAsync(
  handle: Handle,
  inFlight: PreemptionsInFlight,
  actions: PreemptionActions,
  limit: ConcurrencyLimit,
  candidate: Candidate,
  preemptor: Pod,
): Promise<void> {
  const victims = candidate.victims.filter((v) => !v.metadata?.deletionTimestamp && !inFlight.isVictim(v));
  if (victims.length === 0) return Promise.resolve();
  const lower = lowerPriorityNominatedPods(handle, preemptor, candidate.name);
  const done = inFlight.start(preemptor, candidate.name, victims);
  return evictInBackground(handle, actions, limit, candidate.name, preemptor, victims, lower).then(done, (err) =>
    done(errorMessage(err)),
  );
}

/** Resolves with the first failure's message, or undefined when every eviction succeeded. */
async function evictInBackground(
  handle: Handle,
  actions: PreemptionActions,
  limit: ConcurrencyLimit,
  nodeName: string,
  preemptor: Pod,
  victims: readonly Pod[],
  lowerNominated: readonly Pod[],
): Promise<string | undefined> {
  // Not fatal: a pod whose nomination stays is only tried against this node again (upstream logs it).
  await Promise.allSettled(lowerNominated.map((pod) => actions.clearNominatedNodeName(pod)));
  const message = preemptedMessage(preemptor, nodeName);
  let failure: string | undefined;
  await Promise.all(
    victims.map((victim) =>
      limit.run(async () => {
        if (failure !== undefined) return;
        try {
          if (await actions.preemptPod(preemptor, victim)) {
            handle.events.event(asPodObject(victim), EventType.Normal, REASON_PREEMPTED, message);
          }
        } catch (err) {
          failure ??= errorMessage(err);
        }
      }),
    ),
  );
  if (failure !== undefined) {
    const nominated: Pod = { ...preemptor, status: { ...preemptor.status, nominatedNodeName: nodeName } };
    await actions.clearNominatedNodeName(nominated).catch(() => undefined);
  }
  return failure;
}
