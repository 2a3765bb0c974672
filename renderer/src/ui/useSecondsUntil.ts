import { useEffect, useEffectEvent, useState } from 'react';

/**
 * Seconds left until the epoch-ms `deadline`, re-rendering four times a second while there is
 * time left; `onElapsed` runs once when it runs out (to drop a shown secret, fetch the next code).
 */
export function useSecondsUntil(deadline: number | null, onElapsed?: () => void): number {
  const [now, setNow] = useState(() => Date.now());
  const elapsed = useEffectEvent(() => onElapsed?.());
  useEffect(() => {
    if (!deadline) return;
    const tick = () => {
      const at = Date.now();
      setNow(at);
      if (at < deadline) return;
      window.clearInterval(timer);
      elapsed();
    };
    const timer = window.setInterval(tick, 250);
    const first = window.setTimeout(tick, 0); // the clock as it is now, not when the screen opened
    return () => {
      window.clearInterval(timer);
      window.clearTimeout(first);
    };
  }, [deadline]);
  return deadline ? Math.max(0, Math.ceil((deadline - now) / 1000)) : 0;
}
