// Runs generated samples the way an integrator would: each in a fresh folder holding the file it
// sends, with POSTPRESS_API_KEY and POSTPRESS_BASE_URL set. Compiled languages compile once per
// run: one `go build` for every Go sample, one `javac` for every Java sample.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { javaClass } from '../../src/languages.mjs';
import { runProcess } from '../../src/run.mjs';
import { findRuntime, missingRuntimeMessage, type RUNTIMES } from '../../src/runtimes.mjs';

export const API_KEY = 'pp_test_samples_key';

/** Bytes of every file a sample may attach (./cv.pdf and the others of requests.mjs). */
export const FILE_BYTES = Buffer.from('%PDF-1.4\n% a small file for the samples\n%%EOF\n');

const made: string[] = [];

/** A fresh folder under `parent`, removed by removeWorkDirs() (call it in the test file's afterAll). */
export function workDir(prefix: string, parent = tmpdir()): string {
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(join(parent, prefix));
  made.push(dir);
  return dir;
}

export function removeWorkDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export interface SampleLike {
  operationId: string;
  example: string;
  files: string[];
  request: unknown;
}

export interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The interpreter or compiler for `language`; throws the one line naming the package when it is missing. */
export function need(runtime: keyof typeof RUNTIMES): string {
  const command = findRuntime(runtime);
  if (!command) throw new Error(missingRuntimeMessage(runtime));
  return command;
}

const runtimeOf: Record<string, keyof typeof RUNTIMES | undefined> = {
  curl: 'curl',
  python: 'python',
  php: 'php',
  go: 'go',
  java: 'java',
  ruby: 'ruby',
};

const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/**
 * Prepares `language`'s samples (`paths`: sample → its source file) and returns a function that
 * runs one against `baseUrl` in a fresh folder. Throws the missing runtime's one line.
 */
export async function prepare(
  language: string,
  paths: Map<SampleLike, string>,
): Promise<(sample: SampleLike, baseUrl: string) => Promise<Ran>> {
  const runtime = runtimeOf[language];
  const command = runtime ? need(runtime) : process.execPath;
  const work = workDir(`pp-samples-${language}-`);
  let launch: (sample: SampleLike, file: string) => [string, string[]];
  if (language === 'go') {
    // One module, one folder per sample: `go build ./...` compiles them all in one run.
    writeFileSync(join(work, 'go.mod'), 'module samples\n\ngo 1.19\n');
    const names = new Map<SampleLike, string>();
    let n = 0;
    for (const [sample, file] of paths) {
      const name = `s${n++}`;
      names.set(sample, name);
      mkdirSync(join(work, 'cmd', name), { recursive: true });
      copyFileSync(file, join(work, 'cmd', name, 'main.go'));
    }
    mkdirSync(join(work, 'bin'));
    const built = await runProcess(command, ['build', '-o', join(work, 'bin'), './...'], {
      cwd: work,
      env: { ...process.env, GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local' },
      timeoutMs: 280_000,
    });
    if (built.status !== 0) throw new Error(`go build failed:\n${built.stderr}`);
    launch = (sample) => [join(work, 'bin', names.get(sample) as string), []];
  } else if (language === 'java') {
    const out = join(work, 'classes');
    // A short-lived JVM needs no optimizing compiler and one GC thread: a third less CPU per run,
    // which adds up over every sample (the samples' own command lines are unchanged).
    const quick = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];
    const built = await runProcess('javac', [...quick.map((f) => `-J${f}`), '-d', out, ...paths.values()], {
      timeoutMs: 280_000,
    });
    if (built.status !== 0) throw new Error(`javac failed:\n${built.stderr}`);
    launch = (sample) => ['java', [...quick, '-cp', out, javaClass(sample.request)]];
  } else if (language === 'typescript') {
    launch = (_, file) => [process.execPath, ['--import', tsx, file]];
  } else if (language === 'curl') {
    launch = (_, file) => ['sh', [file]];
  } else {
    launch = (_, file) => [command, [file]];
  }
  return async (sample, baseUrl) => {
    const cwd = mkdtempSync(join(work, 'run-'));
    for (const name of sample.files) writeFileSync(join(cwd, name), FILE_BYTES);
    const [program, args] = launch(sample, paths.get(sample) as string);
    return runProcess(program, args, {
      cwd,
      env: { ...process.env, POSTPRESS_API_KEY: API_KEY, POSTPRESS_BASE_URL: baseUrl },
      timeoutMs: 120_000,
    });
  };
}

/** What a sample printed: an optional leading status, then the body as the server sent it. */
export function printed(stdout: string): { status?: number; body: unknown } {
  const match = /^(?:(\d{3})(?: |\n|$))?([\s\S]*)$/.exec(stdout.trim()) as RegExpExecArray;
  const text = (match[2] as string).trim();
  return { status: match[1] ? Number(match[1]) : undefined, body: text ? JSON.parse(text) : undefined };
}
