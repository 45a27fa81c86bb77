import { addClassNamesToElement } from '@lexical/utils';
import { type EditorConfig, ElementNode } from 'lexical';
import { $createElement } from './dom';

/**
 * What a bracket and its alternatives have in common: an inline run of text that cannot be
 * empty (an emptied one disappears) and that typing at its edges does not extend.
 */
export abstract class InlineGroupNode extends ElementNode {
  /** A <span> with the theme's classes for `themeKey`. */
  protected createSpan(config: EditorConfig, themeKey: 'bracket' | 'alternative'): HTMLElement {
    const dom = $createElement('span');
    const classes = config.theme[themeKey] as string | undefined;
    if (classes) addClassNamesToElement(dom, classes);
    return dom;
  }

  override isInline(): true {
    return true;
  }

  override canBeEmpty(): false {
    return false;
  }

  override canInsertTextBefore(): false {
    return false;
  }

  override canInsertTextAfter(): false {
    return false;
  }
}
