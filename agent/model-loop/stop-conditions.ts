/** The state a stop condition looks at after each attempt. */
export interface LoopState {
  attempt: number;
  verified: boolean;
  aborted: boolean;
}

export type StopCondition = (state: LoopState) => string | undefined;

/** Small composable predicates, each naming why the loop stops (vercel/ai's `stopWhen` habit). */
export const isVerified: StopCondition = (s) => (s.verified ? 'verified' : undefined);
export const isAborted: StopCondition = (s) => (s.aborted ? 'aborted by the user' : undefined);
export const attemptBudget =
  (max: number): StopCondition =>
  (s) =>
    s.attempt >= max ? `no attempts left (${max})` : undefined;

export function firstStop(conditions: StopCondition[], state: LoopState): string | undefined {
  for (const condition of conditions) {
    const reason = condition(state);
    if (reason) return reason;
  }
  return undefined;
}
