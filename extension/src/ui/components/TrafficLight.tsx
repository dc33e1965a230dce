import type { RiskLevel } from '@earshot/shared';
import { RISK_LAMP, riskLabel } from '../format/risk';

interface Props {
  level: RiskLevel;
  /** The level is written right beside it: the lamps are then hidden from screen readers (said once, not twice). */
  decorative?: boolean;
}

/** Three lamps, one lit; the level is also spelled out beside it, so colour is never the only cue. */
export function TrafficLight({ level, decorative = false }: Props) {
  const lit = RISK_LAMP[level];
  return (
    <span class="traffic-light" data-level={level} {...(decorative ? { 'aria-hidden': 'true' } : { role: 'img', 'aria-label': riskLabel(level) })}>
      {(['red', 'amber', 'green'] as const).map((lamp) => (
        <span key={lamp} class="traffic-light__lamp" data-lamp={lamp} data-lit={lamp === lit ? 'true' : undefined} />
      ))}
    </span>
  );
}
