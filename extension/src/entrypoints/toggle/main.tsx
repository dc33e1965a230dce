import { render } from 'preact';
import '@/ui/styles/tokens.css';
import './toggle.css';
import { Toggle } from './Toggle';

const root = document.getElementById('app');
if (root) render(<Toggle search={location.search} />, root);
// The content script focuses this frame to hand focus back after the panel closes: on to the button.
window.addEventListener('focus', () => {
  if (document.activeElement === document.body) document.querySelector<HTMLElement>('button')?.focus();
});
