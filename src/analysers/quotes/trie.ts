/**
 * Builds one regular expression matching any of many phrases, as a character trie
 * (`a(?:-t-(?:il|elle)|vait)…`): irregexp then tries a handful of branches per position
 * instead of every phrase, which keeps a lexicon of thousands of phrases a single fast pass.
 * The longest phrase wins; phrases match as whole words.
 */
export function phrasePattern(
  phrases: Iterable<string>,
  flags: string,
  { foldCase = false, afterElision = false }: { foldCase?: boolean; afterElision?: boolean } = {},
): RegExp {
  const root: TrieNode = { children: new Map(), terminal: false };
  for (const phrase of phrases) {
    let node = root;
    for (const char of foldCase ? phrase.toLowerCase() : phrase) {
      const key = char === '’' ? "'" : /\s/.test(char) ? ' ' : char;
      let child = node.children.get(key);
      if (!child) {
        child = { children: new Map(), terminal: false };
        node.children.set(key, child);
      }
      node = child;
    }
    node.terminal = true;
  }
  // A name may follow an elided article (`l’Insee`); a verb never follows an apostrophe (`qu’a dit`).
  const before = afterElision ? '(?<![\\p{L}\\p{N}-])' : "(?<![\\p{L}\\p{N}'’-])";
  return new RegExp(`${before}${emit(root)}(?![\\p{L}\\p{N}])`, flags);
}

interface TrieNode {
  children: Map<string, TrieNode>;
  terminal: boolean;
}

function emit(node: TrieNode): string {
  const branches = [...node.children].map(([char, child]) => atom(char) + emit(child));
  if (branches.length === 0) return '';
  // The empty branch last: a longer phrase is tried before the one ending here.
  if (node.terminal) branches.push('');
  return branches.length === 1 ? branches[0]! : `(?:${branches.join('|')})`;
}

function atom(char: string): string {
  if (char === ' ') return '[\\s\\u00a0\\u202f]+';
  if (char === "'") return "['’]";
  return char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
