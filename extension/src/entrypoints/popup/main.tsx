import { render } from 'preact';
import '@/ui/styles/tokens.css';
import '@/ui/styles/base.css';
import '@/ui/styles/components.css';
import '@/ui/styles/popup.css';
import { Popup } from './Popup';

const root = document.getElementById('app');
if (root) render(<Popup />, root);
