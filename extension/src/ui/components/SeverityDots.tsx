import { severityLabel } from '../format/risk';

/** ●●○ for severity 2 of 3, with the words for screen readers and on hover. */
export function SeverityDots({ severity }: { severity: number }) {
  const label = severityLabel(severity);
  return (
    <span class="severity-dots" data-severity={severity} title={label} role="img" aria-label={label}>
      {[1, 2, 3].map((n) => (
        <span key={n} class="severity-dots__dot" data-on={n <= severity ? 'true' : undefined} />
      ))}
    </span>
  );
}
