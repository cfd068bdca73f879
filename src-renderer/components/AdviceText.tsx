// Advice text as the catalogue writes it, with commands between backticks ("Start it with `ollama serve`"):
// each command is shown as code with a Copy button beside it, so a learner never retypes one. The copy is
// announced; where the clipboard refuses (a window without focus, a policy), the command is selected instead so
// Ctrl+C copies it, and the announcement says so.
import { useRef, useState } from 'react';

/** Splits advice into plain text and commands; an unmatched backtick stays as text. */
export function adviceParts(text: string): Array<{ readonly text: string; readonly command: boolean }> {
  const parts: Array<{ text: string; command: boolean }> = [];
  const pattern = /`([^`\n]+)`/g;
  let at = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > at) parts.push({ text: text.slice(at, match.index), command: false });
    parts.push({ text: match[1]!, command: true });
    at = match.index + match[0].length;
  }
  if (at < text.length) parts.push({ text: text.slice(at), command: false });
  return parts;
}

function Command({ command, onCopied }: { command: string; onCopied: (said: string) => void }) {
  const codeRef = useRef<HTMLElement>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(command);
      onCopied(`Copied: ${command}`);
    } catch {
      const code = codeRef.current;
      if (code) window.getSelection()?.selectAllChildren(code);
      onCopied('The command is selected: press Ctrl+C (or ⌘C) to copy it.');
    }
  };
  return (
    <span className="command">
      <code ref={codeRef}>{command}</code>
      <button type="button" className="button button--small" aria-label={`Copy ${command}`} onClick={() => void copy()}>
        Copy
      </button>
    </span>
  );
}

export function AdviceText({ text }: { text: string }) {
  const [said, setSaid] = useState('');
  const parts = adviceParts(text);
  if (!parts.some((p) => p.command)) return <>{text}</>;
  return (
    <>
      {parts.map((part, index) =>
        part.command ? <Command key={index} command={part.text} onCopied={setSaid} /> : part.text,
      )}
      {/* A span, as this sits inside a paragraph; the same polite region LiveRegion gives. */}
      <span className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {said}
      </span>
    </>
  );
}
