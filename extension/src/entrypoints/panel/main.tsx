import { render } from 'preact';
import '@/ui/styles/tokens.css';
import '@/ui/styles/base.css';
import '@/ui/styles/components.css';
import '@/ui/styles/panel.css';
import { send } from '@/lib/send';
import { installPanelFocus } from './focus';
import { Panel } from './Panel';
import { prefetchTabState } from './use-tab-state';

prefetchTabState();

const root = document.getElementById('app');
if (root) render(<Panel />, root);
installPanelFocus(window, () => void send('panel/close', {}).catch(() => undefined));
