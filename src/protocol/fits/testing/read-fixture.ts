/**
 * The bytes of a binary fixture. The tests run in Node (vitest's 'node'
 * environment), but the app's type configuration leaves Node's types out,
 * so fs is reached through an untyped dynamic import.
 */

interface Fs {
  readFileSync(path: URL): Uint8Array;
}

const fs = (await import(/* @vite-ignore */ ['node', 'fs'].join(':'))) as Fs;

export function readFixture(name: string): Uint8Array {
  const bytes = fs.readFileSync(new URL(`../fixtures/${name}`, import.meta.url));
  // A Uint8Array of this realm over the file's bytes (Node gives a Buffer).
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function readFixtureText(name: string): string {
  return new TextDecoder('utf-8').decode(readFixture(name));
}
