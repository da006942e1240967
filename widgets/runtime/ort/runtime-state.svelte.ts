/**
 * The runtime's status as Svelte 5 reactive state, for RuntimeStatus.svelte and any widget that wants to
 * show which backend ran. Reading `runtimeState.current` in a template or $effect subscribes to status
 * changes for as long as that reader lives; listening never starts the runtime.
 */
import { createSubscriber } from 'svelte/reactivity';
import { modelRuntime, type RuntimeStatus } from './runtime.ts';

const subscribe = createSubscriber((update) => modelRuntime().subscribe(update));

export const runtimeState = {
  get current(): RuntimeStatus {
    subscribe();
    return modelRuntime().status;
  },
};
