// What counts as plain text in a name or a model id: no control characters (C0, DEL, C1), no bidirectional
// formatting characters (they can make "ollama pull x" read as something else in a copied hint), and no lone
// UTF-16 surrogates (half a character, which breaks when written out as UTF-8).
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function isPlainText(text: string): boolean {
  return !CONTROL.test(text) && !BIDI.test(text) && !LONE_SURROGATE.test(text);
}
