/** Grey placeholder blocks in the shape of the account card, so the first paint is already laid out. */
export function Skeleton() {
  return (
    <div class="skeleton" aria-hidden="true">
      <div class="skeleton__line skeleton__line--title" />
      <div class="skeleton__row">
        <div class="skeleton__dot" />
        <div class="skeleton__line skeleton__line--short" />
      </div>
      <div class="skeleton__grid">
        <div class="skeleton__block" />
        <div class="skeleton__block" />
        <div class="skeleton__block" />
        <div class="skeleton__block" />
      </div>
      <div class="skeleton__line" />
      <div class="skeleton__line" />
      <div class="skeleton__line skeleton__line--short" />
    </div>
  );
}
