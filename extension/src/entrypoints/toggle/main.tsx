import { render } from 'preact';
import '@/ui/styles/tokens.css';
import './toggle.css';
import { Toggle } from './Toggle';

const root = document.getElementById('app');
if (root) render(<Toggle search={location.search} />, root);
