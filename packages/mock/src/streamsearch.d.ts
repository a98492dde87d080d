// streamsearch 1.1.0 (busboy's own delimiter search) ships no types; the part the mock uses.
declare module 'streamsearch' {
  export default class StreamSearch {
    constructor(
      needle: string | Buffer,
      cb: (isMatch: boolean, data: Buffer | undefined, start: number, end: number, isSafe: boolean) => void,
    );
    matches: number;
    push(chunk: Buffer): number;
  }
}
