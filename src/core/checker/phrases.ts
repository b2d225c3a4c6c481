// A phrase matcher over tokens: lexicon phrases are folded and split exactly as the text is, indexed by
// their first word, so matching costs one Map lookup per token plus a short comparison.
import { fold, tokenise, type Token } from "./text";

interface Entry<T> {
  words: string[];
  /** Word positions that match by prefix (a trailing * in the lexicon). */
  prefix: boolean[];
  value: T;
}

export interface PhraseMatch<T> {
  /** First and last+1 token index. */
  from: number;
  to: number;
  start: number;
  end: number;
  value: T;
}

/** Splits a lexicon phrase the way the checker splits text. */
export function phraseWords(phrase: string): { words: string[]; prefix: boolean[] } {
  const star = phrase.endsWith("*");
  const toks = tokenise(fold(star ? phrase.slice(0, -1) : phrase));
  const words = toks.map((t) => t.norm);
  const prefix = words.map((_, i) => star && i === words.length - 1);
  return { words, prefix };
}

export class PhraseMatcher<T> {
  private readonly exact = new Map<string, Entry<T>[]>();
  private readonly byPrefix = new Map<string, Entry<T>[]>(); // keyed by the first 3 letters
  readonly size: number;

  constructor(phrases: Iterable<readonly [string, T]>) {
    let n = 0;
    for (const [phrase, value] of phrases) {
      const { words, prefix } = phraseWords(phrase);
      if (!words.length) continue;
      const entry: Entry<T> = { words, prefix, value };
      const head = words[0]!;
      if (prefix[0]) push(this.byPrefix, head.slice(0, 3), entry);
      else push(this.exact, head, entry);
      n++;
    }
    this.size = n;
  }

  /** Every match, longest first at each position, never crossing a sentence end. */
  matchAll(tokens: readonly Token[], forms?: (t: Token) => readonly string[]): PhraseMatch<T>[] {
    const out: PhraseMatch<T>[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      const heads = forms ? forms(t) : [t.norm];
      for (const head of heads) {
        const cands = this.exact.get(head);
        if (cands) for (const e of cands) this.tryAt(tokens, i, e, out, forms);
        if (this.byPrefix.size && head.length >= 3) {
          const pc = this.byPrefix.get(head.slice(0, 3));
          if (pc) for (const e of pc) this.tryAt(tokens, i, e, out, forms);
        }
      }
    }
    return out;
  }

  /** True when any phrase occurs. */
  test(tokens: readonly Token[]): boolean {
    return this.matchAll(tokens).length > 0;
  }

  private tryAt(
    tokens: readonly Token[],
    i: number,
    e: Entry<T>,
    out: PhraseMatch<T>[],
    forms?: (t: Token) => readonly string[],
  ): void {
    const n = e.words.length;
    if (i + n > tokens.length) return;
    const sent = tokens[i]!.sent;
    for (let k = 0; k < n; k++) {
      const t = tokens[i + k]!;
      if (t.sent !== sent) return;
      const w = e.words[k]!;
      const fs = forms ? forms(t) : [t.norm];
      let ok = false;
      for (const f of fs) if (e.prefix[k] ? f.startsWith(w) : f === w) ok = true;
      if (!ok) return;
    }
    const last = tokens[i + n - 1]!;
    out.push({ from: i, to: i + n, start: tokens[i]!.start, end: last.end, value: e.value });
  }
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const a = m.get(k);
  if (a) a.push(v);
  else m.set(k, [v]);
}
