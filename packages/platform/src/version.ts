/** Version of this package (checked against package.json by a test); sent in the User-Agent. */
export const PLATFORM_VERSION = '0.1.0';
