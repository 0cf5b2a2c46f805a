/** The Jest preset: the runner files of database-config-testing, as absolute paths. */
declare const preset: {
  globalSetup: string;
  globalTeardown: string;
  setupFilesAfterEnv: string[];
};
export = preset;
