/** Loads .env.offline into process.env (no override of variables already set), when present. */
export declare function loadOfflineEnv(): void;
