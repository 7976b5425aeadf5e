import { render } from 'preact';
import { App } from './App.tsx';
import './styles.css';
import './pages.css';

render(<App />, document.getElementById('app')!);
