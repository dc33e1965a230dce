import { createBackground } from '../background/service.js';

// Thin on purpose: the logic lives in src/background/ and is unit-tested there against WXT's fake browser.
export default defineBackground(() => {
  const background = createBackground();
  background.listen(); // synchronously, before the first await: MV3 delivers the waking event only to listeners present now
  void background.start();
});
