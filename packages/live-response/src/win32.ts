// HRESULT decoding for failed commands (live-response.md §5). Sensors report Win32 failures
// as HRESULT_FROM_WIN32(code) = 0x8007xxxx, sometimes as a signed 32-bit number: we always
// render the unsigned value (cbapi printed negatives as "0x-7FF8FFFE").

const FACILITY_WIN32 = 7;

/** Win32 error names for the low 16 bits of a FACILITY_WIN32 HRESULT. */
const WIN32_ERROR_NAMES: ReadonlyMap<number, string> = new Map([
  [0, 'ERROR_SUCCESS'],
  [1, 'ERROR_INVALID_FUNCTION'],
  [2, 'ERROR_FILE_NOT_FOUND'],
  [3, 'ERROR_PATH_NOT_FOUND'],
  [4, 'ERROR_TOO_MANY_OPEN_FILES'],
  [5, 'ERROR_ACCESS_DENIED'],
  [6, 'ERROR_INVALID_HANDLE'],
  [8, 'ERROR_NOT_ENOUGH_MEMORY'],
  [13, 'ERROR_INVALID_DATA'],
  [14, 'ERROR_OUTOFMEMORY'],
  [15, 'ERROR_INVALID_DRIVE'],
  [16, 'ERROR_CURRENT_DIRECTORY'],
  [17, 'ERROR_NOT_SAME_DEVICE'],
  [18, 'ERROR_NO_MORE_FILES'],
  [19, 'ERROR_WRITE_PROTECT'],
  [21, 'ERROR_NOT_READY'],
  [23, 'ERROR_CRC'],
  [24, 'ERROR_BAD_LENGTH'],
  [29, 'ERROR_WRITE_FAULT'],
  [30, 'ERROR_READ_FAULT'],
  [31, 'ERROR_GEN_FAILURE'],
  [32, 'ERROR_SHARING_VIOLATION'],
  [33, 'ERROR_LOCK_VIOLATION'],
  [38, 'ERROR_HANDLE_EOF'],
  [39, 'ERROR_HANDLE_DISK_FULL'],
  [50, 'ERROR_NOT_SUPPORTED'],
  [53, 'ERROR_BAD_NETPATH'],
  [67, 'ERROR_BAD_NET_NAME'],
  [80, 'ERROR_FILE_EXISTS'],
  [82, 'ERROR_CANNOT_MAKE'],
  [87, 'ERROR_INVALID_PARAMETER'],
  [109, 'ERROR_BROKEN_PIPE'],
  [111, 'ERROR_BUFFER_OVERFLOW'],
  [112, 'ERROR_DISK_FULL'],
  [122, 'ERROR_INSUFFICIENT_BUFFER'],
  [123, 'ERROR_INVALID_NAME'],
  [126, 'ERROR_MOD_NOT_FOUND'],
  [127, 'ERROR_PROC_NOT_FOUND'],
  [145, 'ERROR_DIR_NOT_EMPTY'],
  [161, 'ERROR_BAD_PATHNAME'],
  [170, 'ERROR_BUSY'],
  [183, 'ERROR_ALREADY_EXISTS'],
  [193, 'ERROR_BAD_EXE_FORMAT'],
  [206, 'ERROR_FILENAME_EXCED_RANGE'],
  [225, 'ERROR_VIRUS_INFECTED'],
  [234, 'ERROR_MORE_DATA'],
  [258, 'WAIT_TIMEOUT'],
  [259, 'ERROR_NO_MORE_ITEMS'],
  [267, 'ERROR_DIRECTORY'],
  [299, 'ERROR_PARTIAL_COPY'],
  [995, 'ERROR_OPERATION_ABORTED'],
  [1008, 'ERROR_NO_TOKEN'],
  [1009, 'ERROR_BADDB'],
  [1010, 'ERROR_BADKEY'],
  [1011, 'ERROR_CANTOPEN'],
  [1012, 'ERROR_CANTREAD'],
  [1013, 'ERROR_CANTWRITE'],
  [1015, 'ERROR_REGISTRY_CORRUPT'],
  [1018, 'ERROR_KEY_DELETED'],
  [1060, 'ERROR_SERVICE_DOES_NOT_EXIST'],
  [1062, 'ERROR_SERVICE_NOT_ACTIVE'],
  [1223, 'ERROR_CANCELLED'],
  [1314, 'ERROR_PRIVILEGE_NOT_HELD'],
  [1332, 'ERROR_NONE_MAPPED'],
  [1392, 'ERROR_FILE_CORRUPT'],
  [1460, 'ERROR_TIMEOUT'],
  [1920, 'ERROR_CANT_ACCESS_FILE'],
  [1921, 'ERROR_CANT_RESOLVE_FILENAME'],
]);

export interface DecodedHResult {
  /** The HRESULT as an unsigned 32-bit number (e.g. 2147942487). */
  readonly code: number;
  /** `0x80070057` */
  readonly hex: string;
  /** The Win32 error name when the facility is WIN32 and the code is known, else ''. */
  readonly name: string;
}

/** Decodes a `result_code`; undefined when it is not an integer. */
export function decodeHResult(resultCode: unknown): DecodedHResult | undefined {
  const numeric = typeof resultCode === 'string' && /^-?\d+$/.test(resultCode.trim()) ? Number(resultCode) : resultCode;
  if (typeof numeric !== 'number' || !Number.isInteger(numeric)) return undefined;
  const code = numeric >>> 0;
  const facility = (code >>> 16) & 0x1fff;
  const name = facility === FACILITY_WIN32 ? (WIN32_ERROR_NAMES.get(code & 0xffff) ?? '') : '';
  return { code, hex: `0x${code.toString(16).toUpperCase().padStart(8, '0')}`, name };
}

/** HRESULT_FROM_WIN32: what a sensor reports for a Win32 error (for fakes and emulators). */
export function hresultFromWin32(win32Code: number): number {
  return (0x80070000 | (win32Code & 0xffff)) >>> 0;
}

/** The Win32 name of an error code (`2` → `ERROR_FILE_NOT_FOUND`), or undefined. */
export function win32ErrorName(win32Code: number): string | undefined {
  return WIN32_ERROR_NAMES.get(win32Code);
}
