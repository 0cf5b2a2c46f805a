/** This library's version; part of the template database hash (kept equal to package.json by a test). */
export const LIBRARY_VERSION = '0.2.0';
