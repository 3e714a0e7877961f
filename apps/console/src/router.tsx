import { useEffect, useState, type AnchorHTMLAttributes, type MouseEvent } from 'react';

// A router of a few lines: the console has a handful of pages, all under /console.
const BASE = '/console';

/** The path inside the console, e.g. /mediator/cases/d-1. */
export const currentPath = (): string => window.location.pathname.replace(/^\/console/, '') || '/';

export function navigate(path: string, replace = false): void {
  const url = BASE + path;
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

export function usePath(): { path: string; query: URLSearchParams } {
  const [location, setLocation] = useState(() => ({ path: currentPath(), search: window.location.search }));
  useEffect(() => {
    const update = () => setLocation({ path: currentPath(), search: window.location.search });
    window.addEventListener('popstate', update);
    return () => window.removeEventListener('popstate', update);
  }, []);
  return { path: location.path, query: new URLSearchParams(location.search) };
}

/** A real link (it opens in a new tab, and keyboard users reach it), handled without a reload. */
export function Link({ to, ...props }: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return <a {...props} href={BASE + to} onClick={onClick} />;
}

/** Matches `/a/:id/b` against a path; the named parts, or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const names: string[] = [];
  const regex = new RegExp(`^${pattern.replace(/:(\w+)/g, (_, name: string) => (names.push(name), '([^/]+)'))}/?$`);
  const found = regex.exec(path);
  if (!found) return null;
  return Object.fromEntries(names.map((name, index) => [name, decodeURIComponent(found[index + 1]!)]));
}
