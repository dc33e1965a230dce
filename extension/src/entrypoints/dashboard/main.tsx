import { render } from 'preact';
import '@/ui/styles/tokens.css';
import '@/ui/styles/base.css';
import '@/ui/styles/components.css';
import '@/ui/styles/panel.css';
import '@/ui/styles/workspace.css';
import '@/ui/styles/workspace-visits.css';
import { Dashboard } from './Dashboard';
import { takeSignInArrival } from './sign-in-ticket';

// First, before anything renders or loads: a sign-in ticket leaves the address bar and the history at once.
const arrival = takeSignInArrival();
const root = document.getElementById('app');
if (root) render(<Dashboard arrival={arrival} />, root);
