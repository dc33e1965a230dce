import { render } from 'preact';
import '@/ui/styles/tokens.css';
import '@/ui/styles/base.css';
import './options.css';
import { Options } from './Options';

const root = document.getElementById('app');
if (root) render(<Options />, root);
