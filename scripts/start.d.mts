export interface StartState {
  electronPresent: boolean;
  nativeStamp: string | null;
  expectedStamp: string;
}
export type StartStep = 'fetch-electron' | 'build-sqlite-for-electron' | 'build' | 'launch';
export function plan(state: StartState): StartStep[];
export function currentState(): StartState;
/** The one paragraph printed when Electron's binary is missing and could not be downloaded. */
export function electronMissingMessage(cause?: string): string;
export const NATIVE_DIR: string;
