import { render } from 'preact';
import '@/ui/styles/tokens.css';
import '@/ui/styles/base.css';
import '@/ui/styles/components.css';
import '@/ui/styles/panel.css';
import '@/ui/styles/workspace.css';
import '@/ui/styles/workspace-visits.css';
import { Dashboard } from './Dashboard';

const root = document.getElementById('app');
if (root) render(<Dashboard />, root);
