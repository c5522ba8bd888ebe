// The reference side of DraftPad's lint benchmark (tests/DraftPad.Benchmarks/Lint/): markdownlint on
// the same newsletter files, in this one node process, after warm-up.
//
//   node bench-markdownlint.mjs --runs 50 --warmup 10 FILE...
//
// Per file, two medians in milliseconds:
//   cli2   markdownlint-cli2's main() on the file (what `markdownlint-cli2 FILE` does after node
//          has started: config discovery, reading the file, every default rule, formatting)
//   engine markdownlint's lint() of the text already in memory (the library cli2 runs)
// Prints one JSON document: { versions, files: [{ file, cli2Ms, engineMs, findings }] } (findings: the
// engine's, with markdownlint's default rules).
import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { main } from 'markdownlint-cli2';
import { lint } from 'markdownlint-cli2/markdownlint/promise';

const args = process.argv.slice(2);
let runs = 50, warmup = 10;
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--runs') runs = Number(args[++i]);
  else if (args[i] === '--warmup') warmup = Number(args[++i]);
  else files.push(args[i]);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (start) => Number(process.hrtime.bigint() - start) / 1e6;

async function cli2(file) {
  await main({ directory: dirname(file), argv: [basename(file)], logMessage: () => {}, logError: () => {} });
}

async function engine(name, text) {
  const results = await lint({ strings: { [name]: text } });
  return results[name].length;
}

// Versions from the installed packages (their package.json files are not exported).
const here = dirname(new URL(import.meta.url).pathname);
const version = (pkg) => JSON.parse(readFileSync(`${here}/node_modules/${pkg}/package.json`, 'utf8')).version;
const out = { versions: { node: process.version, 'markdownlint-cli2': version('markdownlint-cli2'), markdownlint: version('markdownlint') }, runs, warmup, files: [] };

for (const file of files) {
  const text = readFileSync(file, 'utf8');
  let findings = 0;
  for (let i = 0; i < warmup; i++) { await cli2(file); await engine(file, text); }
  const cliTimes = [], engineTimes = [];
  for (let i = 0; i < runs; i++) {
    let t = process.hrtime.bigint();
    await cli2(file);
    cliTimes.push(ms(t));
    t = process.hrtime.bigint();
    findings = await engine(file, text);
    engineTimes.push(ms(t));
  }
  out.files.push({ file, cli2Ms: median(cliTimes), engineMs: median(engineTimes), findings });
}
process.stdout.write(JSON.stringify(out) + '\n');
