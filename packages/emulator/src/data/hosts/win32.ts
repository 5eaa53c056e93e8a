// Win32 error codes the simulated sensor reports, and the HRESULT form the LR APIs carry
// (live-response.md §5: HRESULT_FROM_WIN32(code) = 0x80070000 | code, unsigned in Cb Response,
// signed 32-bit in Carbon Black Cloud v6 per cbc-live-response.md §3.8).

export const ERROR_FILE_NOT_FOUND = 2;
export const ERROR_PATH_NOT_FOUND = 3;
export const ERROR_ACCESS_DENIED = 5;
export const ERROR_SHARING_VIOLATION = 32;
export const ERROR_NOT_SUPPORTED = 50;
export const ERROR_FILE_EXISTS = 80;
export const ERROR_INVALID_PARAMETER = 87;
export const ERROR_INVALID_NAME = 123;
export const ERROR_DIR_NOT_EMPTY = 145;
export const ERROR_ALREADY_EXISTS = 183;
export const ERROR_DIRECTORY = 267;

const DESCRIPTIONS: Readonly<Record<number, string>> = {
  [ERROR_FILE_NOT_FOUND]: 'File not found',
  [ERROR_PATH_NOT_FOUND]: 'Path not found',
  [ERROR_ACCESS_DENIED]: 'Access is denied',
  [ERROR_SHARING_VIOLATION]: 'The process cannot access the file because it is being used by another process',
  [ERROR_NOT_SUPPORTED]: 'The request is not supported',
  [ERROR_FILE_EXISTS]: 'The file exists',
  [ERROR_INVALID_PARAMETER]: 'The parameter is incorrect',
  [ERROR_INVALID_NAME]: 'The filename, directory name, or volume label syntax is incorrect',
  [ERROR_DIR_NOT_EMPTY]: 'The directory is not empty',
  [ERROR_ALREADY_EXISTS]: 'Cannot create a file when that file already exists',
  [ERROR_DIRECTORY]: 'The directory name is invalid',
};

/** HRESULT_FROM_WIN32 as an unsigned 32-bit number (Cb Response / Defense `result_code`). */
export function hresultFromWin32(code: number): number {
  return (0x80070000 | (code & 0xffff)) >>> 0;
}

/** The same HRESULT as a signed 32-bit number (Carbon Black Cloud v6 `result_code`). */
export function signedHresult(hresult: number): number {
  return hresult | 0;
}

export function win32Description(code: number): string {
  return DESCRIPTIONS[code] ?? `Win32 error ${code}`;
}

/** A command failure raised by the host model; the engine turns it into an `error` command. */
export class LrFailure extends Error {
  override readonly name = 'LrFailure';
  constructor(readonly win32: number) {
    super(win32Description(win32));
  }
}

export const fail = (code: number): LrFailure => new LrFailure(code);
