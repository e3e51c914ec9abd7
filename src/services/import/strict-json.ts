/**
 * JSON.parse keeps the last of two equal keys without a word; a configuration must not (SPEC
 * §4.1: duplicated keys are an error). This scans a text that JSON.parse has already accepted
 * and names the first duplicated key by its path, e.g. `groups.1.weight`.
 */

interface Frame {
  /** path of this container from the root */
  path: string[];
  /** keys seen so far (objects only) */
  keys: Set<string> | null;
  /** the current key (objects) or index (arrays) */
  at: string;
  expectKey: boolean;
}

/** The path of the first duplicated object key in a valid JSON text, or null. */
export function findDuplicateKey(text: string): string | null {
  const stack: Frame[] = [];
  const top = () => stack[stack.length - 1];
  const open = (object: boolean) => {
    const parent = top();
    stack.push({
      path: parent ? [...parent.path, parent.at] : [],
      keys: object ? new Set() : null,
      at: object ? '' : '0',
      expectKey: object,
    });
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '{' || ch === '[') open(ch === '{');
    else if (ch === '}' || ch === ']') stack.pop();
    else if (ch === ',') {
      const f = top();
      if (f?.keys) f.expectKey = true;
      else if (f) f.at = String(Number(f.at) + 1);
    } else if (ch === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const f = top();
      if (f?.keys && f.expectKey) {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        if (f.keys.has(key)) return [...f.path, key].join('.');
        f.keys.add(key);
        f.at = key;
        f.expectKey = false;
      }
      i = j;
    }
  }
  return null;
}
