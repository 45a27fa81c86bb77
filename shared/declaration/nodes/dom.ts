import { $getDocument } from 'lexical';

/**
 * The only DOM calls Accord's own nodes make, when a window renders them. shared/ is compiled
 * without the DOM library (main and the CLI load these nodes into headless editors, which never
 * render), so the few element methods used are named here instead of pulled in wholesale.
 */
interface ElementLike {
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  appendChild(child: ElementLike): void;
}
interface DocumentLike {
  createElement(tag: string): ElementLike;
}

export function $createElement(tag: string): HTMLElement {
  return ($getDocument() as unknown as DocumentLike).createElement(tag) as unknown as HTMLElement;
}

/** Puts `child` inside `parent`, as its last child. */
export function appendElement(parent: HTMLElement, child: HTMLElement): void {
  (parent as unknown as ElementLike).appendChild(child as unknown as ElementLike);
}

export function setAttribute(element: HTMLElement, name: string, value: string | null): void {
  const target = element as unknown as ElementLike;
  if (value === null) target.removeAttribute(name);
  else target.setAttribute(name, value);
}
