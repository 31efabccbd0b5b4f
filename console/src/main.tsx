/** The console's entry: the style nonce from the page, the configuration, then the app. */
import './console.css';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { loadConfig } from './config';

const nonceMeta = document.querySelector('meta[name="csp-nonce"]');
const nonce = nonceMeta?.getAttribute('content') ?? undefined;
// the nonce has done its job once read; it need not stay in the document
nonceMeta?.remove();
if (nonce) nonceStylesOfOurOwn(nonce);

/**
 * Ant Design's CSS-in-JS takes the nonce from ConfigProvider; a few @rc-component helpers (the table's
 * scrollbar measurement) insert a <style> without one, and some icons' SVG carries an empty
 * <defs><style/></defs>. Every <style> (HTML or SVG) the console's own scripts create gets the nonce;
 * styles in injected markup and style attributes stay blocked by the CSP.
 */
function nonceStylesOfOurOwn(n: string) {
  const create = (tag: string, o?: ElementCreationOptions): HTMLElement =>
    Document.prototype.createElement.call(document, tag, o);
  const createNS = (ns: string | null, tag: string, o?: ElementCreationOptions): Element =>
    Document.prototype.createElementNS.call(document, ns, tag, o);
  const withNonce = <E extends Element>(el: E): E => {
    if ((el instanceof HTMLStyleElement || el instanceof SVGStyleElement) && !el.nonce) el.nonce = n;
    return el;
  };
  document.createElement = (tag: string, o?: ElementCreationOptions): HTMLElement =>
    withNonce(create(tag, o));
  // the overloads of createElementNS narrow by namespace; the element made is the one asked for
  document.createElementNS = ((ns: string | null, tag: string, o?: ElementCreationOptions): Element =>
    withNonce(createNS(ns, tag, o))) as typeof document.createElementNS;
}

const root = createRoot(document.getElementById('root')!);
loadConfig().then(
  (config) => root.render(<App config={config} nonce={nonce} />),
  (e: unknown) => root.render(<App config={null} nonce={nonce} configError={e} />),
);
