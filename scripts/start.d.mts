export interface StartState {
  electronPresent: boolean;
  nativeStamp: string | null;
  expectedStamp: string;
}
export type StartStep = 'build' | 'fetch-electron' | 'build-sqlite-for-electron' | 'launch';
export function plan(state: StartState): StartStep[];
export function currentState(): StartState;
