#!/usr/bin/env node
// Prints bench/results/latest.json as the Markdown table the README carries.
import { readFileSync } from 'node:fs';

const { machine, figures } = JSON.parse(readFileSync(new URL('../bench/results/latest.json', import.meta.url), 'utf8'));
const fmt = (v) => (Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en-US') : String(Math.round(v * 1000) / 1000));
console.log(
  `Measured ${machine.date.slice(0, 10)} on ${machine.cpus} (${machine.platform}), Node ${machine.node}, one run of \`npm run bench\`.\n`,
);
console.log('| figure | value | budget | |');
console.log('|---|---:|---|---|');
for (const f of figures)
  console.log(
    `| ${f.name} | ${fmt(f.value)} ${f.unit} | ${f.budget ? `≤ ${f.budget.max} ${f.unit}` : ''} | ${f.status} |`,
  );
