import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { connectDesktopApi, fragmentSettings } from './connect.js';
import './styles.css';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root');
const { noteRotationMs } = fragmentSettings(window.location.hash);
try {
  createRoot(root).render(<App api={connectDesktopApi(window)} noteRotationMs={noteRotationMs} />);
} catch (error) {
  root.textContent = error instanceof Error ? error.message : String(error);
}
